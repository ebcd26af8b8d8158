CREATE TABLE `directory_people` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`name` text NOT NULL,
	`department` text NOT NULL,
	`title` text NOT NULL,
	`role` text NOT NULL,
	`manager_email` text,
	`cost_centre` text NOT NULL,
	`location` text NOT NULL,
	`groups` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `directory_syncs` (
	`source` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer NOT NULL,
	`last_success_at` integer,
	`last_error` text,
	`people` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reconciliation_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`report` text NOT NULL
);
