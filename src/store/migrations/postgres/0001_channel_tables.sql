CREATE TABLE "channel_identities" (
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"person_id" text,
	"fetched_at" bigint NOT NULL,
	CONSTRAINT "channel_identities_channel_external_id_pk" PRIMARY KEY("channel","external_id")
);
--> statement-breakpoint
CREATE TABLE "channel_messages" (
	"channel" text NOT NULL,
	"place" text NOT NULL,
	"message_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"person_id" text,
	"request_number" text,
	"reply" jsonb NOT NULL,
	"open" boolean NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "channel_messages_channel_place_message_id_pk" PRIMARY KEY("channel","place","message_id")
);
--> statement-breakpoint
CREATE TABLE "channel_receipts" (
	"channel" text NOT NULL,
	"receipt_id" text NOT NULL,
	"received_at" bigint NOT NULL,
	"body" jsonb,
	"claimed_by" text,
	"claimed_until" bigint,
	"done_at" bigint,
	CONSTRAINT "channel_receipts_channel_receipt_id_pk" PRIMARY KEY("channel","receipt_id")
);
--> statement-breakpoint
CREATE INDEX "channel_identities_person" ON "channel_identities" USING btree ("channel","person_id");--> statement-breakpoint
CREATE INDEX "channel_messages_subject" ON "channel_messages" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "channel_messages_request" ON "channel_messages" USING btree ("request_number");--> statement-breakpoint
CREATE INDEX "channel_receipts_at" ON "channel_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "channel_receipts_claimed" ON "channel_receipts" USING btree ("claimed_until");--> statement-breakpoint
-- Rows of the Slack-only tables move to the channel-neutral ones, under channel 'slack'.
INSERT INTO "channel_receipts" ("channel", "receipt_id", "received_at", "body", "claimed_by", "claimed_until", "done_at")
SELECT 'slack', "event_id", "received_at", "body", "claimed_by", "claimed_until", "done_at" FROM "slack_event_receipts";--> statement-breakpoint
INSERT INTO "channel_messages" ("channel", "place", "message_id", "kind", "subject", "person_id", "request_number", "reply", "open", "created_at")
SELECT 'slack', "channel_id", "ts", "kind", "subject", "person_id", "request_number", "reply", "open", "created_at" FROM "slack_messages";--> statement-breakpoint
INSERT INTO "channel_identities" ("channel", "external_id", "person_id", "fetched_at")
SELECT 'slack', "slack_user_id", "email", "fetched_at" FROM "slack_users";--> statement-breakpoint
DROP TABLE "slack_event_receipts" CASCADE;--> statement-breakpoint
DROP TABLE "slack_messages" CASCADE;--> statement-breakpoint
DROP TABLE "slack_users" CASCADE;
