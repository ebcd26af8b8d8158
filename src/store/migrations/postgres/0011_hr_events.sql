CREATE TABLE "hr_events" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text,
	"taken_event_id" text,
	"type" text,
	"status" text NOT NULL,
	"reason" text,
	"body" jsonb,
	"request_numbers" jsonb NOT NULL,
	"old_access" jsonb,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fulfilment_steps" ADD COLUMN "due_at" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "hr_events_taken" ON "hr_events" USING btree ("taken_event_id");--> statement-breakpoint
CREATE INDEX "hr_events_status" ON "hr_events" USING btree ("status","received_at");