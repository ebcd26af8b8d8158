CREATE TABLE `hr_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`taken_event_id` text,
	`type` text,
	`status` text NOT NULL,
	`reason` text,
	`body` text,
	`request_numbers` text NOT NULL,
	`old_access` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hr_events_taken` ON `hr_events` (`taken_event_id`);--> statement-breakpoint
CREATE INDEX `hr_events_status` ON `hr_events` (`status`,`received_at`);--> statement-breakpoint
ALTER TABLE `fulfilment_steps` ADD `due_at` integer;