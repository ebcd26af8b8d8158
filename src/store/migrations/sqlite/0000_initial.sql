CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`person_id` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer
);
--> statement-breakpoint
CREATE INDEX `conversations_person` ON `conversations` (`person_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `dialog_outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`person_id` text NOT NULL,
	`request_type_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`outcome` text
);
--> statement-breakpoint
CREATE INDEX `dialog_outcomes_open` ON `dialog_outcomes` (`outcome`,`started_at`);--> statement-breakpoint
CREATE TABLE `directline_activities` (
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`activity` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `directline_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `directline_conversations_person` ON `directline_conversations` (`person_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`person_id` text NOT NULL,
	`channel` text NOT NULL,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_number_unique` ON `incidents` (`number`);--> statement-breakpoint
CREATE TABLE `triage_items` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`channel` text NOT NULL,
	`person_id` text NOT NULL,
	`text` text NOT NULL,
	`candidates` text NOT NULL,
	`transcript` text NOT NULL,
	`dialog` text,
	`status` text NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `triage_items_status` ON `triage_items` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`stage_index` integer NOT NULL,
	`approver_id` text NOT NULL,
	`approver_role` text,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`comment` text,
	`created_at` integer NOT NULL,
	`asked_at` integer
);
--> statement-breakpoint
CREATE INDEX `approvals_approver` ON `approvals` (`approver_id`,`status`);--> statement-breakpoint
CREATE INDEX `approvals_request` ON `approvals` (`request_id`,`stage_index`);--> statement-breakpoint
CREATE TABLE `fulfilment_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`step_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`team` text,
	`integration` text,
	`operation` text,
	`input` text NOT NULL,
	`status` text NOT NULL,
	`sub_status` text,
	`result` text,
	`error` text,
	`note` text,
	`completed_by` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fulfilment_steps_request_step` ON `fulfilment_steps` (`request_id`,`step_id`);--> statement-breakpoint
CREATE INDEX `fulfilment_steps_team` ON `fulfilment_steps` (`team`,`status`);--> statement-breakpoint
CREATE INDEX `fulfilment_steps_claimed` ON `fulfilment_steps` (`status`,`claimed_until`);--> statement-breakpoint
CREATE TABLE `request_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`sub_status` text,
	`actor_id` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_history_request` ON `request_history` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`request_type_id` text NOT NULL,
	`request_type_version` integer NOT NULL,
	`catalog_version` text NOT NULL,
	`requester_id` text NOT NULL,
	`channel` text NOT NULL,
	`fields` text NOT NULL,
	`cost` real,
	`status` text NOT NULL,
	`sub_status` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`closed_at` integer,
	`submission_key` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_number_unique` ON `requests` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `requests_submission_key_unique` ON `requests` (`submission_key`);--> statement-breakpoint
CREATE INDEX `requests_requester` ON `requests` (`requester_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_type` ON `requests` (`request_type_id`,`requester_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` text NOT NULL,
	`roles` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`channel` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`claimed_by` text,
	`claimed_until` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`delivered_at`,`id`);--> statement-breakpoint
CREATE TABLE `sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`intent` text NOT NULL,
	`triage_id` text NOT NULL,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_candidates_triage_id_unique` ON `training_candidates` (`triage_id`);--> statement-breakpoint
CREATE INDEX `training_candidates_status` ON `training_candidates` (`status`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `slack_event_receipts` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL,
	`body` text,
	`claimed_by` text,
	`claimed_until` integer,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `slack_event_receipts_at` ON `slack_event_receipts` (`received_at`);--> statement-breakpoint
CREATE INDEX `slack_event_receipts_claimed` ON `slack_event_receipts` (`claimed_until`);--> statement-breakpoint
CREATE TABLE `slack_messages` (
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`person_id` text,
	`request_number` text,
	`reply` text NOT NULL,
	`open` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `ts`)
);
--> statement-breakpoint
CREATE INDEX `slack_messages_subject` ON `slack_messages` (`kind`,`subject`);--> statement-breakpoint
CREATE INDEX `slack_messages_request` ON `slack_messages` (`request_number`);--> statement-breakpoint
CREATE TABLE `slack_users` (
	`slack_user_id` text PRIMARY KEY NOT NULL,
	`email` text,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_users_email` ON `slack_users` (`email`);