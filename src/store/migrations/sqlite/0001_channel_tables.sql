CREATE TABLE `channel_identities` (
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`person_id` text,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_identities_person` ON `channel_identities` (`channel`,`person_id`);--> statement-breakpoint
CREATE TABLE `channel_messages` (
	`channel` text NOT NULL,
	`place` text NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`person_id` text,
	`request_number` text,
	`reply` text NOT NULL,
	`open` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `place`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_messages_subject` ON `channel_messages` (`kind`,`subject`);--> statement-breakpoint
CREATE INDEX `channel_messages_request` ON `channel_messages` (`request_number`);--> statement-breakpoint
CREATE TABLE `channel_receipts` (
	`channel` text NOT NULL,
	`receipt_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`body` text,
	`claimed_by` text,
	`claimed_until` integer,
	`done_at` integer,
	PRIMARY KEY(`channel`, `receipt_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_receipts_at` ON `channel_receipts` (`received_at`);--> statement-breakpoint
CREATE INDEX `channel_receipts_claimed` ON `channel_receipts` (`claimed_until`);--> statement-breakpoint
-- Rows of the Slack-only tables move to the channel-neutral ones, under channel 'slack'.
INSERT INTO `channel_receipts` (`channel`, `receipt_id`, `received_at`, `body`, `claimed_by`, `claimed_until`, `done_at`)
SELECT 'slack', `event_id`, `received_at`, `body`, `claimed_by`, `claimed_until`, `done_at` FROM `slack_event_receipts`;--> statement-breakpoint
INSERT INTO `channel_messages` (`channel`, `place`, `message_id`, `kind`, `subject`, `person_id`, `request_number`, `reply`, `open`, `created_at`)
SELECT 'slack', `channel_id`, `ts`, `kind`, `subject`, `person_id`, `request_number`, `reply`, `open`, `created_at` FROM `slack_messages`;--> statement-breakpoint
INSERT INTO `channel_identities` (`channel`, `external_id`, `person_id`, `fetched_at`)
SELECT 'slack', `slack_user_id`, `email`, `fetched_at` FROM `slack_users`;--> statement-breakpoint
DROP TABLE `slack_event_receipts`;--> statement-breakpoint
DROP TABLE `slack_messages`;--> statement-breakpoint
DROP TABLE `slack_users`;
