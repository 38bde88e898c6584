package dev.togglsync.cli;

import dev.togglsync.config.Environment;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates command objects, handing the {@link Environment} to those whose constructor takes one.
 * The real process environment is read once, in {@link Main}; tests build the command line with
 * their own.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Environment environment;

    CommandFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> withEnvironment;
        try {
            withEnvironment = cls.getDeclaredConstructor(Environment.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
        withEnvironment.setAccessible(true);
        return withEnvironment.newInstance(environment);
    }
}
