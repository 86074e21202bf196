import type { AreaMessages } from "../messages";

/** Business verification: checklist, documents, Meta's status; and the activation's problems. */
const messages: AreaMessages = {
  en: {
    businessVerification: {
      checklist: {
        ok: "Done",
        missing: "Missing",
        legalNameDocument:
          "A document proving the legal name (certificate of incorporation, tax registration or business license)",
        addressDocument: "A document proving the address (proof of address or utility bill)",
        website: "A website that shows the business name",
        domainVerified: "The website's domain verified in the Business Manager",
        contactPhone: "A contact phone",
      },
      documents: {
        kind: "Document type",
        file: "File (PDF, JPG or PNG, up to 5 MB)",
        choose: "Choose a file",
        upload: "Upload",
        uploaded: "Document uploaded.",
        kinds: {
          legal_name: "Certificate of incorporation",
          address: "Proof of address",
          tax_registration: "Tax registration",
          business_license: "Business license",
          utility_bill: "Utility bill",
        },
      },
      verification: {
        status: "Meta's verification status",
        statuses: {
          not_verified: "Not verified",
          in_progress: "In progress (2 to 4 days on average)",
          rejected: "Rejected",
          verified: "Verified",
        },
        domainVerified: "I verified my website's domain in the Business Manager (Brand safety > Domains)",
        submit: "Submit for verification",
        submitted: "Sent to Meta's business verification.",
      },
    },
    activationProblems: {
      business_manager_id_invalid:
        "The Business Manager ID is not valid: it is the 15- or 16-digit number in Business settings > Business info.",
      activation_exists: "Your activation has already started.",
      activation_stage_not_open:
        "This step is not open now: reload the page to see where your activation stands.",
      verification_incomplete:
        "The verification checklist is not complete yet: see the items marked as missing.",
      display_name_refused: "The name breaks Meta's display-name rules: see the findings above.",
      document_empty: "The file is empty.",
      document_too_large: "Documents are up to 5 MB.",
      activation_transition_invalid: "The stage cannot move to that status from where it is.",
    },
  },
  es: {
    businessVerification: {
      checklist: {
        ok: "Listo",
        missing: "Falta",
        legalNameDocument:
          "Un documento que pruebe la razón social (acta constitutiva, constancia fiscal o habilitación comercial)",
        addressDocument:
          "Un documento que pruebe la dirección (comprobante de domicilio o factura de servicios)",
        website: "Un sitio web que muestre el nombre del negocio",
        domainVerified: "El dominio del sitio verificado en el Business Manager",
        contactPhone: "Un teléfono de contacto",
      },
      documents: {
        kind: "Tipo de documento",
        file: "Archivo (PDF, JPG o PNG, hasta 5 MB)",
        choose: "Elija un archivo",
        upload: "Subir",
        uploaded: "Documento subido.",
        kinds: {
          legal_name: "Acta constitutiva",
          address: "Comprobante de domicilio",
          tax_registration: "Constancia fiscal",
          business_license: "Habilitación comercial",
          utility_bill: "Factura de servicios",
        },
      },
      verification: {
        status: "Estado de la verificación de Meta",
        statuses: {
          not_verified: "No verificada",
          in_progress: "En curso (de 2 a 4 días en promedio)",
          rejected: "Rechazada",
          verified: "Verificada",
        },
        domainVerified:
          "Verifiqué el dominio de mi sitio en el Business Manager (Seguridad de la marca > Dominios)",
        submit: "Enviar a verificación",
        submitted: "Enviado a la verificación de negocio de Meta.",
      },
    },
    activationProblems: {
      business_manager_id_invalid:
        "El ID de Business Manager no es válido: es el número de 15 o 16 dígitos en Configuración del negocio > Información del negocio.",
      activation_exists: "Su activación ya comenzó.",
      activation_stage_not_open:
        "Este paso no está abierto ahora: recargue la página para ver en qué etapa está su activación.",
      verification_incomplete: "La lista de verificación aún no está completa: vea los elementos que faltan.",
      display_name_refused: "El nombre no cumple las reglas de nombres de Meta: vea los hallazgos arriba.",
      document_empty: "El archivo está vacío.",
      document_too_large: "Los documentos pueden pesar hasta 5 MB.",
      activation_transition_invalid: "La etapa no puede pasar a ese estado desde el actual.",
    },
  },
  pt: {
    businessVerification: {
      checklist: {
        ok: "Pronto",
        missing: "Falta",
        legalNameDocument:
          "Um documento que comprove a razão social (contrato social, cartão CNPJ ou alvará)",
        addressDocument: "Um documento que comprove o endereço (comprovante de endereço ou conta de consumo)",
        website: "Um site que mostre o nome da empresa",
        domainVerified: "O domínio do site verificado no Business Manager",
        contactPhone: "Um telefone de contato",
      },
      documents: {
        kind: "Tipo de documento",
        file: "Arquivo (PDF, JPG ou PNG, até 5 MB)",
        choose: "Escolha um arquivo",
        upload: "Enviar",
        uploaded: "Documento enviado.",
        kinds: {
          legal_name: "Contrato social",
          address: "Comprovante de endereço",
          tax_registration: "Cartão CNPJ",
          business_license: "Alvará de funcionamento",
          utility_bill: "Conta de consumo",
        },
      },
      verification: {
        status: "Status da verificação da Meta",
        statuses: {
          not_verified: "Não verificada",
          in_progress: "Em andamento (2 a 4 dias em média)",
          rejected: "Rejeitada",
          verified: "Verificada",
        },
        domainVerified:
          "Verifiquei o domínio do meu site no Business Manager (Segurança da marca > Domínios)",
        submit: "Enviar para verificação",
        submitted: "Enviado para a verificação da empresa pela Meta.",
      },
    },
    activationProblems: {
      business_manager_id_invalid:
        "O ID do Business Manager não é válido: é o número de 15 ou 16 dígitos em Configurações da empresa > Informações da empresa.",
      activation_exists: "Sua ativação já começou.",
      activation_stage_not_open:
        "Este passo não está aberto agora: recarregue a página para ver em que etapa está sua ativação.",
      verification_incomplete: "A lista de verificação ainda não está completa: veja os itens que faltam.",
      display_name_refused: "O nome não segue as regras de nomes da Meta: veja os apontamentos acima.",
      document_empty: "O arquivo está vazio.",
      document_too_large: "Os documentos podem ter até 5 MB.",
      activation_transition_invalid: "A etapa não pode passar para esse status a partir do atual.",
    },
  },
};

export default messages;
