ALTER TABLE `fulfilment_steps` ADD `after_steps` text;--> statement-breakpoint
ALTER TABLE `fulfilment_steps` ADD `not_before` integer;--> statement-breakpoint
ALTER TABLE `fulfilment_steps` ADD `compensates` text;