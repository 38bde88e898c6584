package dev.togglsync.http;

/**
 * One of Toggl's hourly quotas (toggl-api.md §3.2): requests about the user's own data
 * ({@code /me} paths) count against the user's bucket; requests that address a workspace or an
 * organization count against that organization's. The caller names the bucket of each
 * {@link Request}, because only the caller knows which organization a workspace path belongs to.
 * {@link #label()} is the text dry runs, events and messages show: {@code user}, {@code org:42}.
 */
public sealed interface QuotaBucket
        permits QuotaBucket.User, QuotaBucket.Organization, QuotaBucket.UnnamedOrganization {
    /** The user-level bucket: 30 requests an hour, whatever the plan. */
    QuotaBucket USER = new User();

    static QuotaBucket organization(long id) {
        return new Organization(id);
    }

    /** The kind of bucket, which is all a request's plan knows before the organization is read. */
    Kind kind();

    /** "user", "org:42": as dry runs, request events and messages show it. */
    String label();

    /** "Toggl's hourly quota of organization 42", for messages. */
    String describe();

    /** The kinds of bucket; what a stream's scope implies before the organization is known. */
    enum Kind {
        USER,
        ORGANIZATION;

        /** The label of a bucket of this kind as a plan shows it: "user", "org:{organization_id}". */
        public String placeholder() {
            return switch (this) {
                case USER -> User.LABEL;
                case ORGANIZATION -> Organization.PREFIX + "{organization_id}";
            };
        }
    }

    /** Requests about the user's own data: {@code /me} and the other {@code /me/...} paths. */
    record User() implements QuotaBucket {
        private static final String LABEL = "user";

        @Override
        public Kind kind() {
            return Kind.USER;
        }

        @Override
        public String label() {
            return LABEL;
        }

        @Override
        public String describe() {
            return "Toggl's user-level hourly quota (the /me requests)";
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** Requests that address a workspace or an organization of organization {@code id}. */
    record Organization(long id) implements QuotaBucket {
        private static final String PREFIX = "org:";

        @Override
        public Kind kind() {
            return Kind.ORGANIZATION;
        }

        @Override
        public String label() {
            return PREFIX + id;
        }

        @Override
        public String describe() {
            return "Toggl's hourly quota of organization " + id;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * Requests to a workspace whose entry in {@code /me/workspaces} named no organization (the API
     * documents {@code organization_id} as always set). They count against an organization we
     * cannot name, so this workspace's quota is tracked on its own; {@code GET /me/quota} lists
     * buckets by organization, so it never says when this one resets.
     */
    record UnnamedOrganization(long workspaceId) implements QuotaBucket {
        @Override
        public Kind kind() {
            return Kind.ORGANIZATION;
        }

        @Override
        public String label() {
            return "workspace:" + workspaceId;
        }

        @Override
        public String describe() {
            return "Toggl's hourly quota '" + label() + "'";
        }

        @Override
        public String toString() {
            return label();
        }
    }
}
