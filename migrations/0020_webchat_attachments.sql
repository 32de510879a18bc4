-- Up Migration
-- Web chat visitors upload files too (images and PDFs from the widget). An upload remembers its
-- visitor until it is sent, so only that visitor can attach it to a message (a team member's
-- upload keeps uploaded_by; neither can use the other's). A visitor deleted with their contact
-- leaves the row to the conversation's clean-up, like a team member's upload.
ALTER TABLE attachments ADD COLUMN visitor_id uuid;
ALTER TABLE attachments
  ADD CONSTRAINT attachments_visitor_fkey FOREIGN KEY (location_id, visitor_id)
  REFERENCES webchat_visitors (location_id, id) ON DELETE SET NULL (visitor_id);
CREATE INDEX attachments_visitor_idx ON attachments (location_id, visitor_id) WHERE visitor_id IS NOT NULL;
