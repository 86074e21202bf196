/** Meta's webhook body for one inbound text to a business number, as tests store it directly. */
export function inboundTextWebhook(input: {
  phoneNumberId: string;
  from: string;
  wamid: string;
  text?: string;
  timestamp?: number;
}) {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000000", phone_number_id: input.phoneNumberId },
              contacts: [{ profile: { name: "Rosa" }, wa_id: input.from }],
              messages: [
                {
                  from: input.from,
                  id: input.wamid,
                  timestamp: String(timestamp),
                  type: "text",
                  text: { body: input.text ?? "hola" },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
