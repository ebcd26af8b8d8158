CREATE TABLE "nlu_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"channel" text NOT NULL,
	"intent" text,
	"confidence" double precision NOT NULL,
	"decision" text NOT NULL,
	"routed" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dialog_outcomes" ADD COLUMN "step" text;--> statement-breakpoint
CREATE INDEX "nlu_decisions_at" ON "nlu_decisions" USING btree ("at");