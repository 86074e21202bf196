ALTER TABLE "contacts" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "user_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_tenant_user_id_key" ON "contacts" USING btree ("tenant_id","user_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_phone_or_user_id" CHECK ("contacts"."phone" is not null or "contacts"."user_id" is not null);