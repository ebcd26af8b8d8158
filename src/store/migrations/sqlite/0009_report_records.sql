CREATE TABLE `nlu_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`channel` text NOT NULL,
	`intent` text,
	`confidence` real NOT NULL,
	`decision` text NOT NULL,
	`routed` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `nlu_decisions_at` ON `nlu_decisions` (`at`);--> statement-breakpoint
ALTER TABLE `dialog_outcomes` ADD `step` text;