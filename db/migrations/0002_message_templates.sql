ALTER TABLE "messages" ADD COLUMN "template_name" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "template_language" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "template_params" text[];