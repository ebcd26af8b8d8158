CREATE TABLE `manual_tasks` (
	`step_id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`team` text NOT NULL,
	`assignee_id` text,
	`pending_since` integer NOT NULL,
	`due_at` integer NOT NULL,
	`sub_status_date` text,
	`asked_of_requester` text,
	`extra_approval_stage` integer,
	`extra_approval_asked_by` text,
	`breached_at` integer
);
--> statement-breakpoint
CREATE INDEX `manual_tasks_team` ON `manual_tasks` (`team`,`due_at`);--> statement-breakpoint
CREATE INDEX `manual_tasks_assignee` ON `manual_tasks` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `manual_tasks_request` ON `manual_tasks` (`request_id`);--> statement-breakpoint
CREATE TABLE `task_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`step_id` text NOT NULL,
	`request_id` text NOT NULL,
	`author_id` text NOT NULL,
	`visibility` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `task_notes_step` ON `task_notes` (`step_id`,`at`);--> statement-breakpoint
CREATE INDEX `task_notes_request` ON `task_notes` (`request_id`,`at`);