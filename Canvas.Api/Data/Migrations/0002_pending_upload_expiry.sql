-- A presigned upload is signed for exactly the size the client declared; confirmation checks the staged
-- object against it. Pending rows past their expiry are swept (PendingUploadSweeper), found by this index.
ALTER TABLE images ADD COLUMN declared_size bigint CHECK (declared_size > 0);
CREATE INDEX images_pending_by_expiry ON images (upload_expires_at) WHERE status = 'pending';
