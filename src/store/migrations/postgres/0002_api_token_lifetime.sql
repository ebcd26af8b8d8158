ALTER TABLE "api_tokens" ADD COLUMN "expires_at" bigint;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "last_used_at" bigint;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "created_by" text;