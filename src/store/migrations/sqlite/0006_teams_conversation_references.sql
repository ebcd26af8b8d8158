CREATE TABLE `channel_conversations` (
	`channel` text NOT NULL,
	`key` text NOT NULL,
	`reference` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `key`)
);
