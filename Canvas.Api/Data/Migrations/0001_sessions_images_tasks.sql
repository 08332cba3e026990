-- Sessions, their images and the tasks submitted on them. Owner ids are Supabase user ids (the
-- token's `sub`), kept as text so that any issuer's subject fits.
CREATE TABLE sessions (
    id          uuid        PRIMARY KEY,
    owner_id    text        NOT NULL,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_by_owner_newest ON sessions (owner_id, created_at DESC, id DESC);

-- An image is `pending` between a presigned upload URL and its confirmation, `ready` once its bytes
-- were checked and stored under object_key.
CREATE TABLE images (
    id                uuid        PRIMARY KEY,
    session_id        uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    owner_id          text        NOT NULL,
    object_key        text        NOT NULL UNIQUE,
    status            text        NOT NULL CHECK (status IN ('pending', 'ready')),
    content_type      text,
    size_bytes        bigint,
    width             integer,
    height            integer,
    sha256            bytea,
    original_name     text,
    upload_expires_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX images_by_session_newest ON images (session_id, created_at DESC, id DESC);

-- The orchestrator owns a task's status; this table only says whose it is.
CREATE TABLE tasks (
    id          text        PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    image_id    uuid        REFERENCES images (id) ON DELETE SET NULL,
    owner_id    text        NOT NULL,
    type        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_by_session_newest ON tasks (session_id, created_at DESC, id DESC);
CREATE INDEX tasks_by_image ON tasks (image_id);
