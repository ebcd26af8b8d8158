CREATE TABLE "access_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"step_id" text NOT NULL,
	"person_id" text NOT NULL,
	"integration" text NOT NULL,
	"revoke_operation" text NOT NULL,
	"group_name" text NOT NULL,
	"input" jsonb NOT NULL,
	"ends_at" bigint,
	"state" text NOT NULL,
	"warned_at" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"claimed_by" text,
	"claimed_until" bigint
);
--> statement-breakpoint
CREATE TABLE "catalog_snapshots" (
	"request_type_id" text NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "catalog_snapshots_request_type_id_version_pk" PRIMARY KEY("request_type_id","version")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_grants_request_step" ON "access_grants" USING btree ("request_id","step_id");--> statement-breakpoint
CREATE INDEX "access_grants_due" ON "access_grants" USING btree ("state","ends_at");