CREATE TABLE "fulfilment_queue" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"channel" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" bigint NOT NULL,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"claimed_by" text,
	"claimed_until" bigint
);
--> statement-breakpoint
CREATE INDEX "fulfilment_queue_due" ON "fulfilment_queue" USING btree ("run_after");--> statement-breakpoint
CREATE INDEX "fulfilment_queue_request" ON "fulfilment_queue" USING btree ("request_id");