CREATE TABLE `access_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`step_id` text NOT NULL,
	`person_id` text NOT NULL,
	`integration` text NOT NULL,
	`revoke_operation` text NOT NULL,
	`group_name` text NOT NULL,
	`input` text NOT NULL,
	`ends_at` integer,
	`state` text NOT NULL,
	`warned_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_grants_request_step` ON `access_grants` (`request_id`,`step_id`);--> statement-breakpoint
CREATE INDEX `access_grants_due` ON `access_grants` (`state`,`ends_at`);--> statement-breakpoint
CREATE TABLE `catalog_snapshots` (
	`request_type_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`request_type_id`, `version`)
);
