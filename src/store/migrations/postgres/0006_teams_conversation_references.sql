CREATE TABLE "channel_conversations" (
	"channel" text NOT NULL,
	"key" text NOT NULL,
	"reference" jsonb NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "channel_conversations_channel_key_pk" PRIMARY KEY("channel","key")
);
