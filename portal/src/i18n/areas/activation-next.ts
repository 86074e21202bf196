import type { AreaMessages } from "../messages";

/** The next actions the server names (`activation.next.<key>`; copied from src/modules/activation/next-actions.json), for the notification feed. */
const messages: AreaMessages = {
  en: {
    activationNext: {
      company_data: {
        action_required: "Send your company data and your verified Business Manager ID.",
      },
      business_verification: {
        action_required:
          "Verify your business: upload your company documents, confirm your website and domain and a contact phone, then submit.",
        in_review: "Meta is verifying your business (2 to 4 days on average). Nothing to do now.",
        rejected:
          "Meta rejected the verification: fix the reasons listed, upload new documents and submit again.",
      },
      partner_request: {
        action_required:
          "Approve our partner request in your Business Manager: Business settings > Requests > Received, then Approve.",
      },
      policy_review: {
        in_review: "Meta is reviewing your business against its Commerce Policy. Nothing to do now.",
        rejected:
          "Meta found your business outside its Commerce Policy: read the reasons and request a review in Business Support Home.",
      },
      display_name_review: {
        action_required:
          "Choose the display name your customers will see; we check it against Meta's rules before submitting it.",
        in_review: "WhatsApp is reviewing your display name (usually 1 to 2 days). Nothing to do now.",
        rejected:
          "WhatsApp rejected the display name: choose another one that matches your business and submit it.",
      },
      activation: {
        in_review:
          "We are activating your account: connecting the number and checking your notification use case.",
        done: "Your account is active: you can send messages.",
      },
      waiting: "Waiting for the previous stage.",
      done: "Done.",
    },
  },
  es: {
    activationNext: {
      company_data: {
        action_required: "Envíe los datos de su empresa y el ID de su Business Manager verificado.",
      },
      business_verification: {
        action_required:
          "Verifique su empresa: suba los documentos de la empresa, confirme su sitio web y dominio y un teléfono de contacto, y envíe.",
        in_review:
          "Meta está verificando su empresa (de 2 a 4 días en promedio). No tiene que hacer nada ahora.",
        rejected:
          "Meta rechazó la verificación: corrija los motivos indicados, suba nuevos documentos y envíe de nuevo.",
      },
      partner_request: {
        action_required:
          "Apruebe nuestra solicitud de socio en su Business Manager: Configuración del negocio > Solicitudes > Recibidas, y Aprobar.",
      },
      policy_review: {
        in_review:
          "Meta está revisando su negocio según su Política de Comercio. No tiene que hacer nada ahora.",
        rejected:
          "Meta consideró su negocio fuera de su Política de Comercio: lea los motivos y solicite una revisión en Business Support Home.",
      },
      display_name_review: {
        action_required:
          "Elija el nombre visible que verán sus clientes; lo revisamos según las reglas de Meta antes de enviarlo.",
        in_review:
          "WhatsApp está revisando su nombre visible (normalmente de 1 a 2 días). No tiene que hacer nada ahora.",
        rejected: "WhatsApp rechazó el nombre visible: elija otro que corresponda a su negocio y envíelo.",
      },
      activation: {
        in_review:
          "Estamos activando su cuenta: conectando el número y revisando su caso de uso de notificaciones.",
        done: "Su cuenta está activa: ya puede enviar mensajes.",
      },
      waiting: "Esperando la etapa anterior.",
      done: "Listo.",
    },
  },
  pt: {
    activationNext: {
      company_data: {
        action_required: "Envie os dados da sua empresa e o ID do seu Business Manager verificado.",
      },
      business_verification: {
        action_required:
          "Verifique sua empresa: envie os documentos da empresa, confirme seu site e domínio e um telefone de contato, e envie.",
        in_review: "A Meta está verificando sua empresa (2 a 4 dias em média). Nada a fazer agora.",
        rejected:
          "A Meta rejeitou a verificação: corrija os motivos indicados, envie novos documentos e envie novamente.",
      },
      partner_request: {
        action_required:
          "Aprove nossa solicitação de parceiro no seu Business Manager: Configurações do negócio > Solicitações > Recebidas, e Aprovar.",
      },
      policy_review: {
        in_review: "A Meta está revisando seu negócio conforme a Política de Comércio. Nada a fazer agora.",
        rejected:
          "A Meta considerou seu negócio fora da Política de Comércio: leia os motivos e solicite uma revisão no Business Support Home.",
      },
      display_name_review: {
        action_required:
          "Escolha o nome de exibição que seus clientes verão; verificamos as regras da Meta antes de enviá-lo.",
        in_review:
          "O WhatsApp está revisando seu nome de exibição (geralmente 1 a 2 dias). Nada a fazer agora.",
        rejected:
          "O WhatsApp rejeitou o nome de exibição: escolha outro que corresponda ao seu negócio e envie.",
      },
      activation: {
        in_review:
          "Estamos ativando sua conta: conectando o número e verificando seu caso de uso de notificações.",
        done: "Sua conta está ativa: você já pode enviar mensagens.",
      },
      waiting: "Aguardando a etapa anterior.",
      done: "Concluído.",
    },
  },
};

export default messages;
