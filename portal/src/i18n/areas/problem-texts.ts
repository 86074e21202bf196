import type { AreaMessages } from "../messages";

/**
 * Problems of billing and of sending, by their stable code, for `problemMessage`
 * (components/problem.tsx looks here after `problems.*`), so a refused send never shows the
 * server's English detail.
 */
const messages: AreaMessages = {
  en: {
    sendingProblems: {
      insufficient_balance:
        "The wallet's balance is not enough for this message. Ask the platform for a top-up.",
      notifications_not_enabled:
        "Template messages are not enabled for this account yet: the platform must review its use case first.",
      rate_unavailable: "There is no price for this recipient's country yet, so it cannot be sent.",
      rate_card_invalid: "The rate card file is not valid; check its columns and amounts.",
      amount_invalid: "The amount is not valid (use a decimal number with up to 6 decimals).",
      wallet_not_found: "This tenant has no wallet yet.",
      wallet_currency_required: "Choose the wallet's currency.",
      wallet_currency_fixed: "The wallet's currency cannot change once it has entries.",
      message_not_charged: "This message was not charged, so there is nothing to refund.",
      billed_message_not_found: "No billed message with this id.",
      tenant_not_found: "The tenant was not found.",
      signature_invalid: "The signature does not match.",
      top_up_invalid: "The top-up is not valid.",
      currency_mismatch: "The currency is not the wallet's.",
      top_up_webhook_disabled: "Top-up webhooks are not set up on this server.",
      contact_opted_out: "The contact opted out: marketing messages are never sent to them.",
      consent_required: "The contact has no opt-in recorded; record one before sending a template.",
      window_closed: "The 24-hour customer service window is closed: send an approved template instead.",
      template_not_approved: "The template is not approved yet.",
      template_parameters_invalid: "The template's variables do not match what was filled in.",
      no_phone_number: "Connect a WhatsApp number first.",
      phone_number_not_found: "The sending number was not found.",
      contact_not_found: "The contact was not found.",
      media_not_found: "The file was not found; upload it again.",
      message_not_found: "The message was not found.",
      idempotency_key_reused: "This send was already made with other content.",
      unsupported_media_type: "This file type is not supported.",
    },
  },
  es: {
    sendingProblems: {
      insufficient_balance:
        "El saldo de la billetera no alcanza para este mensaje. Pide una recarga a la plataforma.",
      notifications_not_enabled:
        "Los mensajes de plantilla aún no están habilitados para esta cuenta: la plataforma debe revisar su caso de uso.",
      rate_unavailable:
        "Todavía no hay precio para el país de este destinatario, así que no se puede enviar.",
      rate_card_invalid: "El archivo de tarifas no es válido; revisa sus columnas e importes.",
      amount_invalid: "El importe no es válido (usa un número decimal con hasta 6 decimales).",
      wallet_not_found: "Este cliente todavía no tiene billetera.",
      wallet_currency_required: "Elige la moneda de la billetera.",
      wallet_currency_fixed: "La moneda de la billetera no puede cambiar una vez que tiene movimientos.",
      message_not_charged: "Este mensaje no se cobró, así que no hay nada que reembolsar.",
      billed_message_not_found: "No hay ningún mensaje cobrado con este id.",
      tenant_not_found: "No se encontró el cliente.",
      signature_invalid: "La firma no coincide.",
      top_up_invalid: "La recarga no es válida.",
      currency_mismatch: "La moneda no es la de la billetera.",
      top_up_webhook_disabled: "Los webhooks de recarga no están configurados en este servidor.",
      contact_opted_out: "El contacto se dio de baja: nunca se le envían mensajes de marketing.",
      consent_required:
        "El contacto no tiene un consentimiento registrado; registra uno antes de enviar una plantilla.",
      window_closed: "La ventana de atención de 24 horas está cerrada: envía una plantilla aprobada.",
      template_not_approved: "La plantilla todavía no está aprobada.",
      template_parameters_invalid: "Las variables de la plantilla no coinciden con lo que se completó.",
      no_phone_number: "Primero conecta un número de WhatsApp.",
      phone_number_not_found: "No se encontró el número de envío.",
      contact_not_found: "No se encontró el contacto.",
      media_not_found: "No se encontró el archivo; vuelve a subirlo.",
      message_not_found: "No se encontró el mensaje.",
      idempotency_key_reused: "Este envío ya se hizo con otro contenido.",
      unsupported_media_type: "Este tipo de archivo no es compatible.",
    },
  },
  pt: {
    sendingProblems: {
      insufficient_balance:
        "O saldo da carteira não é suficiente para esta mensagem. Peça uma recarga à plataforma.",
      notifications_not_enabled:
        "As mensagens de modelo ainda não estão habilitadas para esta conta: a plataforma precisa revisar o caso de uso.",
      rate_unavailable: "Ainda não há preço para o país deste destinatário, então não é possível enviar.",
      rate_card_invalid: "O arquivo de tarifas não é válido; confira as colunas e os valores.",
      amount_invalid: "O valor não é válido (use um número decimal com até 6 casas).",
      wallet_not_found: "Este cliente ainda não tem carteira.",
      wallet_currency_required: "Escolha a moeda da carteira.",
      wallet_currency_fixed: "A moeda da carteira não pode mudar depois que ela tem lançamentos.",
      message_not_charged: "Esta mensagem não foi cobrada, então não há nada a reembolsar.",
      billed_message_not_found: "Nenhuma mensagem cobrada com este id.",
      tenant_not_found: "O cliente não foi encontrado.",
      signature_invalid: "A assinatura não confere.",
      top_up_invalid: "A recarga não é válida.",
      currency_mismatch: "A moeda não é a da carteira.",
      top_up_webhook_disabled: "Os webhooks de recarga não estão configurados neste servidor.",
      contact_opted_out: "O contato cancelou a inscrição: mensagens de marketing nunca são enviadas a ele.",
      consent_required: "O contato não tem consentimento registrado; registre um antes de enviar um modelo.",
      window_closed: "A janela de atendimento de 24 horas está fechada: envie um modelo aprovado.",
      template_not_approved: "O modelo ainda não foi aprovado.",
      template_parameters_invalid: "As variáveis do modelo não correspondem ao que foi preenchido.",
      no_phone_number: "Conecte um número de WhatsApp primeiro.",
      phone_number_not_found: "O número de envio não foi encontrado.",
      contact_not_found: "O contato não foi encontrado.",
      media_not_found: "O arquivo não foi encontrado; envie-o novamente.",
      message_not_found: "A mensagem não foi encontrada.",
      idempotency_key_reused: "Este envio já foi feito com outro conteúdo.",
      unsupported_media_type: "Este tipo de arquivo não é compatível.",
    },
  },
};

export default messages;
