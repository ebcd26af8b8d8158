ALTER TABLE "fulfilment_steps" ADD COLUMN "after_steps" jsonb;--> statement-breakpoint
ALTER TABLE "fulfilment_steps" ADD COLUMN "not_before" bigint;--> statement-breakpoint
ALTER TABLE "fulfilment_steps" ADD COLUMN "compensates" text;