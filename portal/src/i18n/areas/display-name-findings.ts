import type { AreaMessages } from "../messages";

/** Each display-name rule of Meta's, explained (the pre-check's finding codes). */
const messages: AreaMessages = {
  en: {
    displayNameFindings: {
      length: "Too short or too long: a display name has 3 to 75 characters.",
      whitespace: "Remove the spaces at the start or end, or the repeated ones: Meta refuses them.",
      emoji: "Emojis are not allowed: write the name in words only.",
      special_characters:
        "Symbols such as ~ ! @ # $ % * _ + = are not allowed; only letters, numbers and . , & ' - ( ) :",
      url: "A web address is not a name: remove it (your website is in the business profile).",
      phone_number: "A phone number is not a name: remove it (customers already see your number).",
      all_caps: "Write the name in mixed case: only acronyms of up to 4 letters may be all capitals.",
      meta_brand:
        "WhatsApp, Facebook, Meta, Instagram or Messenger may not appear in your name: they are Meta's brands.",
      generic:
        "A generic word alone (e.g. 'Shoes') does not identify a business: add your brand, e.g. 'Luna Shoes'.",
      location_only: "A place alone does not identify a business: add your brand to it.",
      no_business_relation:
        "The name shares no word with your legal name or website, and WhatsApp rejects names it cannot tie to the business: use your brand, or show the name on your website.",
      official_claim: "Words like 'Official' are usually rejected unless you own the brand: leave them out.",
    },
  },
  es: {
    displayNameFindings: {
      length: "Demasiado corto o largo: un nombre visible tiene de 3 a 75 caracteres.",
      whitespace: "Quite los espacios al principio o al final, o los repetidos: Meta los rechaza.",
      emoji: "No se permiten emojis: escriba el nombre solo con palabras.",
      special_characters:
        "No se permiten símbolos como ~ ! @ # $ % * _ + =; solo letras, números y . , & ' - ( ) :",
      url: "Una dirección web no es un nombre: quítela (su sitio va en el perfil del negocio).",
      phone_number: "Un teléfono no es un nombre: quítelo (los clientes ya ven su número).",
      all_caps:
        "Escriba el nombre en mayúsculas y minúsculas: solo las siglas de hasta 4 letras pueden ir todo en mayúsculas.",
      meta_brand:
        "WhatsApp, Facebook, Meta, Instagram o Messenger no pueden aparecer en su nombre: son marcas de Meta.",
      generic:
        "Una palabra genérica sola (p. ej. 'Zapatos') no identifica a un negocio: agregue su marca, p. ej. 'Zapatos Luna'.",
      location_only: "Un lugar solo no identifica a un negocio: agréguele su marca.",
      no_business_relation:
        "El nombre no comparte ninguna palabra con su razón social ni su sitio, y WhatsApp rechaza los nombres que no puede vincular al negocio: use su marca o muestre el nombre en su sitio.",
      official_claim:
        "Palabras como 'Oficial' suelen rechazarse salvo que usted sea dueño de la marca: evítelas.",
    },
  },
  pt: {
    displayNameFindings: {
      length: "Curto ou longo demais: um nome de exibição tem de 3 a 75 caracteres.",
      whitespace: "Tire os espaços no início ou no fim, ou os repetidos: a Meta os recusa.",
      emoji: "Emojis não são permitidos: escreva o nome só com palavras.",
      special_characters:
        "Símbolos como ~ ! @ # $ % * _ + = não são permitidos; só letras, números e . , & ' - ( ) :",
      url: "Um endereço web não é um nome: tire-o (seu site fica no perfil da empresa).",
      phone_number: "Um telefone não é um nome: tire-o (os clientes já veem seu número).",
      all_caps:
        "Escreva o nome com maiúsculas e minúsculas: só siglas de até 4 letras podem ficar todas em maiúsculas.",
      meta_brand:
        "WhatsApp, Facebook, Meta, Instagram ou Messenger não podem aparecer no seu nome: são marcas da Meta.",
      generic:
        "Uma palavra genérica sozinha (ex. 'Sapatos') não identifica uma empresa: acrescente sua marca, ex. 'Sapatos Luna'.",
      location_only: "Um lugar sozinho não identifica uma empresa: acrescente sua marca.",
      no_business_relation:
        "O nome não tem nenhuma palavra da sua razão social nem do seu site, e o WhatsApp recusa nomes que não consegue ligar à empresa: use sua marca ou mostre o nome no seu site.",
      official_claim:
        "Palavras como 'Oficial' costumam ser recusadas, a menos que você seja dono da marca: evite-as.",
    },
  },
};

export default messages;
