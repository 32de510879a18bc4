-- Up Migration
-- The channels a contact has used in this conversation (message types), for the Conversation
-- Header and the composer's channel picker; kept by recordMessage.
ALTER TABLE conversations ADD COLUMN channels text[] NOT NULL DEFAULT '{}';
UPDATE conversations c SET channels = coalesce((
  SELECT array_agg(DISTINCT m.message_type ORDER BY m.message_type) FROM messages m
   WHERE m.location_id = c.location_id AND m.conversation_id = c.id
     AND m.message_type IN ('TYPE_SMS','TYPE_CALL','TYPE_EMAIL','TYPE_FACEBOOK','TYPE_INSTAGRAM',
                            'TYPE_INSTAGRAM_COMMENT','TYPE_WHATSAPP','TYPE_REVIEW','TYPE_LIVE_CHAT')), '{}');
