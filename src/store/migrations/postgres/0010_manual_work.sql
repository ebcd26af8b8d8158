CREATE TABLE "manual_tasks" (
	"step_id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"team" text NOT NULL,
	"assignee_id" text,
	"pending_since" bigint NOT NULL,
	"due_at" bigint NOT NULL,
	"sub_status_date" text,
	"asked_of_requester" text,
	"extra_approval_stage" integer,
	"extra_approval_asked_by" text,
	"breached_at" bigint
);
--> statement-breakpoint
CREATE TABLE "task_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"step_id" text NOT NULL,
	"request_id" text NOT NULL,
	"author_id" text NOT NULL,
	"visibility" text NOT NULL,
	"text" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "manual_tasks_team" ON "manual_tasks" USING btree ("team","due_at");--> statement-breakpoint
CREATE INDEX "manual_tasks_assignee" ON "manual_tasks" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "manual_tasks_request" ON "manual_tasks" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "task_notes_step" ON "task_notes" USING btree ("step_id","at");--> statement-breakpoint
CREATE INDEX "task_notes_request" ON "task_notes" USING btree ("request_id","at");