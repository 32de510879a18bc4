-- Up Migration
-- A missed call or a voicemail on a conversation assigned to a team member notifies them, like an
-- inbound message does: a notification of kind 'call' (its own setting), coalesced per
-- conversation while unread; a missed call that turns into a voicemail refreshes its notification.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('inbound', 'assignment', 'mention', 'call'));
