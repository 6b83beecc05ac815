"""Spanish wording of the decision aids: the same keys as ``en.py``, in plain Spanish.

A test checks that every English key has a Spanish value and that no English sentence
is left in the rendered Spanish aid. Drug, product and study names stay as they are.
"""

from __future__ import annotations

TEXT: dict = {
    "months": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "date": "{day} de {month} de {year}",
    "decimal": ",",
    "figures": {
        "of_100": "{n} de cada 100 personas que recibieron {arm} {outcome}.",
        "of_100_about": "Cerca de {n} de cada 100 personas que recibieron {arm} "
        "{outcome}.",
        "of_100_alone": "{n} de cada 100 personas {outcome}.",
        "of_100_about_alone": "Cerca de {n} de cada 100 personas {outcome}.",
        "of_100_range": "Entre {low} y {high} de cada 100 personas que recibieron "
        "{arm} {outcome}.",
        "of_100_range_each": "Entre {low} y {high} de cada 100 personas {outcome}, "
        "tanto con {arm} como con {other}.",
        "median_months_pair": "La mitad de las personas que recibieron {arm} vivieron "
        "más de {n} meses, y la mitad con {other}, más de {m} meses.",
        "also": "Otras {n} {outcome}.",
        "of_n": "{n} de {of} personas que recibieron {arm} {outcome}.",
        "median_months": "La mitad de las personas que recibieron {arm} vivieron "
        "más de {n} meses.",
        "headline": "{n} de cada 100: {title}.",
        "headline_about": "Cerca de {n} de cada 100: {title}.",
        "headline_range": "Entre {low} y {high} de cada 100: {title}.",
        "headline_months": "La mitad vivió más de {n} meses.",
        "headline_arm": "{n} de cada 100 con {arm}: {title}.",
        "headline_of_n": "{n} de {of}: {title}.",
        "array_label": "{n} de cada 100 personas",
        "from": "De {ev_id}: {population}. Fuente: {source}.",
        "from_study": "De {ev_id} ({study}). Fuente: {source}.",
    },
    "arms": {
        "blinatumomab": "blinatumomab",
        "chemotherapy": "quimioterapia",
        "inotuzumab": "inotuzumab",
        "tisagenlecleucel": "tisagenlecleucel",
        "brexucabtagene": "brexucabtagén autoleucel",
        "obecabtagene": "obecabtagén autoleucel",
        "revumenib": "revumenib",
        "nelarabine": "nelarabina",
        "hsct": "un trasplante",
        "hsct_sibling": "un trasplante de un hermano o una hermana",
        "hsct_unrelated": "un trasplante de un donante que no era de la familia",
        "hsct_mrdneg": "un trasplante en una remisión posterior, sin leucemia en la "
        "prueba de EMR",
        "chemotherapy_only": "quimioterapia y ningún trasplante",
        "inotuzumab_then_hsct": "un trasplante después de inotuzumab",
    },
    "products_short": {
        "tisagenlecleucel": "tisa-cel",
        "brexucabtagene": "brexu-cel",
        "obecabtagene": "obe-cel",
    },
    "products": {
        "tisagenlecleucel": "tisagenlecleucel",
        "brexucabtagene": "brexucabtagén autoleucel",
        "obecabtagene": "obecabtagén autoleucel",
    },
    "common": {
        "made_for": "Preparado para {name}",
        "made_for_you": "Preparado para usted",
        "prepared": "Basado en su historia clínica al {date}.",
        "supports": "Esta hoja le ayuda a hablar con su equipo médico. No "
        "reemplaza esa conversación.",
        "h_decision": "La decisión que tiene por delante",
        "h_why_now": "¿Por qué decidir ahora?",
        "h_notes": "Datos suyos que influyen en sus opciones",
        "h_options": "Sus opciones, una al lado de la otra",
        "options_intro": "Cada columna es una opción. Cada fila es una pregunta "
        "que muchas personas hacen.",
        "row_question": "Pregunta",
        "h_removed": "Opciones que ahora no son para usted",
        "h_numbers": "Qué les pasó a las personas en los estudios",
        "numbers_intro": "Cada dibujo muestra 100 personas. Los cuadros negros "
        "tuvieron el resultado, los cuadros con barra son un segundo grupo nombrado "
        "abajo y los contornos grises no. Los estudios con otras personas no pueden "
        "decir qué le pasará a usted.",
        "compared_with": "{option} comparado con {other}",
        "no_numbers": "{option}: nuestras fuentes no dan cifras para esta opción.",
        "no_numbers_any": "Nuestras fuentes no dan cifras para estas opciones. Por "
        "eso esta hoja no muestra ninguna. Su equipo médico puede decirle lo que "
        "sabe.",
        "no_numbers_cell": "Nuestras fuentes no dan cifras.",
        "h_values": "¿Qué es lo más importante para usted?",
        "values_intro": "Marque una casilla en cada línea. No hay respuestas buenas "
        "ni malas.",
        "values_scale": ("Mucho", "Un poco", "Nada"),
        "values_item": "¿Cuánto me importa?",
        "h_questions": "Preguntas para su equipo médico",
        "own_questions": "Mis propias preguntas:",
        "h_sure": "¿Está listo para decidir? La prueba SURE",
        "sure_intro": "Responda sí o no.",
        "sure_items": (
            ("Seguridad", "¿Se siente seguro de cuál es la mejor opción para usted?"),
            ("Comprensión", "¿Conoce lo bueno y lo malo de cada opción?"),
            (
                "Riesgos y beneficios",
                "¿Tiene claro qué es lo bueno y lo malo que más le importa?",
            ),
            (
                "Apoyo",
                "¿Tiene suficiente apoyo y consejo para decidir?",
            ),
        ),
        "yes": "Sí",
        "no": "No",
        "sure_after": "Si respondió no a alguna pregunta, dígaselo a su equipo "
        "médico. Hablen más antes de decidir.",
        "h_sources": "De dónde viene esta información",
        "sources_intro": "Estudios de donde vienen las cifras:",
        "guidelines_intro": "Guías de donde vienen las opciones:",
        "reviewed": "Este contenido se revisó por última vez el {date}.",
        "rules_version": "Versión de las reglas: {version}.",
        "footer": "Ayuda para decidir {aid_id}. Versión del contenido: {version}.",
        "page": "Página",
        "of": "de",
        "needs_test_cd19": "Primero, una prueba debe mostrar CD19 en sus células "
        "de leucemia.",
        "needs_test_cd22": "Primero, una prueba debe mostrar CD22 en sus células "
        "de leucemia.",
        "products_fit": "Podrían ser para usted: {products}.",
        "products_check": "Su equipo revisará si puede recibir: {products}.",
        "and": "y",
    },
    "rows": {
        "what": "¿Qué es?",
        "how": "¿Cómo y dónde se da?",
        "time": "¿Cuánto dura? ¿Cuánto tiempo en el hospital?",
        "works": "¿Qué encontraron los estudios?",
        "risks": "¿Cuáles son los riesgos principales?",
    },
    "options": {
        "blinatumomab": {
            "name": "Blinatumomab",
            "what": "Un medicamento que ayuda a sus defensas a matar las células de "
            "leucemia.",
            "how": "Por la vena, de día y de noche, 4 semanas. Luego 2 semanas de "
            "descanso.",
            "where": "Cada ciclo empieza en el hospital.",
            "hospital": "Los primeros 2 o 3 días de cada ciclo.",
            "how_long": "Cada ciclo dura 6 semanas.",
            "risks": "Fiebre y presión baja (SLC). Confusión o convulsiones.",
        },
        "inotuzumab": {
            "name": "Inotuzumab",
            "what": "Un medicamento que lleva un veneno a las células de leucemia.",
            "how": "Una infusión por la vena los días 1, 8 y 15 de cada ciclo.",
            "where": "Muchas veces sin quedarse en el hospital.",
            "hospital": "Muchas veces nada. Se queda al menos 1 hora tras cada "
            "infusión.",
            "how_long": "Cada ciclo dura de 3 a 4 semanas.",
            "risks": "Daño del hígado (EVO), más aún con un trasplante después.",
        },
        "car_t": {
            "name": "Células CAR-T",
            "what": "Sus propias defensas, cambiadas en un laboratorio para atacar "
            "la leucemia.",
            "how": "Se recogen células de su sangre. Luego vuelven a entrar, "
            "cambiadas, por la vena.",
            "where": "Solo en centros autorizados.",
            "hospital": "Nuestras fuentes no lo dicen.",
            "how_long": "Preparar las células lleva tiempo.",
            "risks": "Fiebre y presión baja (SLC). Efectos en el cerebro (ICANS).",
        },
        "revumenib": {
            "name": "Revumenib",
            "what": "Un medicamento para la leucemia con un cambio KMT2A.",
            "how": "Pastillas por la boca, dos veces al día.",
            "where": "En casa.",
            "hospital": "Nuestras fuentes no lo dicen.",
            "how_long": "Nuestras fuentes no lo dicen.",
            "risks": "Síndrome de diferenciación. Cambios en el ritmo del corazón. "
            "Daño a un bebé en el embarazo.",
        },
        "chemotherapy": {
            "name": "Quimioterapia",
            "what": "Medicamentos fuertes que matan las células que crecen rápido.",
            "how": "Por la vena, inyecciones o pastillas, según la fuerza de su "
            "cuerpo.",
            "where": "Hospital o clínica, según la mezcla.",
            "hospital": "Depende de la mezcla.",
            "how_long": "Depende de la mezcla.",
            "risks": "Conteos de sangre bajos. Infecciones graves.",
        },
        "trial": {
            "name": "Un ensayo clínico",
            "what": "Un estudio de un tratamiento nuevo, o de una forma nueva de "
            "usarlo.",
            "how": "Depende del estudio.",
            "where": "En el hospital que lo hace, quizá lejos de casa.",
            "hospital": "Depende del estudio.",
            "how_long": "Depende del estudio.",
            "risks": "Efectos que nadie conoce todavía.",
        },
        "hsct": {
            "name": "Trasplante",
            "what": "Células que forman la sangre, de un donante. Pueden combatir la "
            "leucemia.",
            "how": "Las células del donante entran por la vena. El donante puede "
            "ser un hermano, una hermana u otra persona.",
            "where": "En un centro de trasplantes.",
            "hospital": "Nuestras fuentes no lo dicen.",
            "how_long": "Nuestras fuentes no lo dicen.",
            "risks": "Las células del donante pueden atacar su cuerpo (EICH). Daños "
            "pronto y años después.",
        },
        "no_hsct": {
            "name": "Sin trasplante",
            "what": "Mantener la remisión con más tratamiento, o con controles "
            "regulares.",
            "how": "Algunas personas reciben infusiones de blinatumomab. Otras, "
            "otros medicamentos.",
            "where": "Clínica u hospital, según el plan.",
            "hospital": "Depende del plan.",
            "how_long": "Blinatumomab: una infusión de 4 semanas cada 12 semanas.",
            "risks": "Es más probable que la leucemia vuelva.",
        },
        "it_systemic": {
            "name": "Tratamiento en el líquido de la columna más tratamiento para "
            "todo el cuerpo",
            "what": "Medicamento en el líquido que rodea el cerebro y la columna, "
            "más tratamiento para todo el cuerpo.",
            "how": "Una aguja fina en la parte baja de la espalda.",
            "where": "Clínica u hospital.",
            "hospital": "Nuestras fuentes no lo dicen.",
            "how_long": "Nuestras fuentes no dicen cuántas veces.",
            "risks": "Puede afectar la memoria y el pensamiento.",
        },
        "cranial_rt": {
            "name": "Agregar radiación a la cabeza",
            "what": "Radiación a toda la cabeza, además del tratamiento en el "
            "líquido de la columna.",
            "how": "La dosis se divide en 12 dosis pequeñas.",
            "where": "En un centro de radioterapia.",
            "hospital": "Nuestras fuentes no lo dicen.",
            "how_long": "12 visitas de radiación, y al menos 6 tratamientos en el "
            "líquido de la columna.",
            "risks": "Puede afectar la memoria y el pensamiento.",
        },
        "fertility_counselling": {
            "name": "Hablar con un especialista en fertilidad",
            "what": "Un especialista le explica cómo el tratamiento puede afectar "
            "tener hijos, y sus opciones.",
            "how": "Una consulta o una llamada.",
            "where": "Una clínica de fertilidad, o su clínica de cáncer.",
            "hospital": "No hace falta quedarse en el hospital para hablar.",
            "how_long": "Debe hacerse antes de que empiece su próximo tratamiento.",
            "risks": "Es una cosa más en que pensar en un momento difícil.",
        },
        "fertility_preservation": {
            "name": "Guardar óvulos, esperma o tejido para después",
            "name_male": "Guardar esperma para después",
            "name_female": "Guardar óvulos para después",
            "what": "Se congelan y se guardan células o tejido. Más adelante podría "
            "usarlos para intentar tener un hijo.",
            "how": "El equipo de fertilidad le dice qué formas son para usted.",
            "where": "Una clínica de fertilidad.",
            "hospital": "Pregunte al equipo de fertilidad.",
            "how_long": "Debe hacerse antes de su próximo tratamiento.",
            "risks": "Puede que después no logren un embarazo. El costo puede ser "
            "alto. El trabajo social puede ayudar.",
        },
        "fertility_not_now": {
            "name": "Decidir no hacerlo ahora",
            "what": "Puede decir que no. Es su decisión.",
            "how": "No se da nada.",
            "where": "En ningún lugar.",
            "hospital": "Ninguno.",
            "how_long": "Nada.",
            "risks": "El tratamiento puede hacer más difícil tener hijos después.",
        },
    },
    "option_overrides": {
        "DA-REINDUCTION": {
            "trial": {
                "what": "Un estudio de un tratamiento nuevo. La guía dice que "
                "se piense en esto en cada paso."
            },
        },
        "DA-TRANSPLANT": {
            "trial": {
                "what": "Un estudio, por ejemplo de una forma nueva de "
                "mantener la remisión."
            },
        },
        "DA-CNS-RELAPSE": {
            "trial": {
                "what": "Un estudio. Se están estudiando las células CAR-T "
                "para la leucemia en el cerebro y la columna."
            },
        },
        "DA-FERTILITY": {},
    },
    "aids": {
        "DA-REINDUCTION": {
            "title": "Cómo elegir su próximo tratamiento para la leucemia",
            "decision": {
                "relapse": "Su leucemia volvió. Usted y su equipo médico elegirán "
                "el próximo tratamiento.",
                "primary_refractory": "Su leucemia no se fue con los primeros "
                "tratamientos. Usted y su equipo médico elegirán el próximo "
                "tratamiento.",
                "progression_after_salvage": "Su leucemia volvió a crecer después "
                "del último tratamiento. Usted y su equipo médico elegirán qué "
                "probar ahora.",
            },
            "goal": "La meta es la remisión. Remisión quiere decir que no se ve "
            "leucemia en la médula ósea.",
            "why_now": "La leucemia necesita tratamiento pronto. Más de un "
            "tratamiento puede funcionar. Son distintos en cómo se dan, cuánto "
            "duran y sus efectos secundarios. La mejor opción puede depender de "
            "lo que más le importa a usted.",
            "values": (
                "Tener la mejor probabilidad de remisión",
                "Pasar menos tiempo en el hospital",
                "Evitar efectos secundarios graves",
                "Seguir con la escuela, el trabajo o la familia",
                "Probar un tratamiento nuevo en un estudio",
            ),
            "questions": (
                "¿Qué opciones son mejores para mí, y por qué?",
                "¿Cuánto tiempo pasaré en el hospital?",
                "¿Puedo participar en un ensayo clínico?",
                "¿Qué pasa si este tratamiento no funciona?",
                "¿Debo hablar primero con un especialista en fertilidad?",
            ),
        },
        "DA-TRANSPLANT": {
            "title": "Después de la remisión: ¿debe recibir un trasplante?",
            "decision": {
                "default": "Su leucemia está otra vez en remisión. Ahora usted y su "
                "equipo médico elegirán cómo evitar que vuelva. Una opción es un "
                "trasplante de un donante.",
            },
            "goal": "El trasplante es el único tratamiento que ha demostrado curar "
            "la leucemia que volvió. También puede causar daños graves.",
            "why_now": "Después de una recaída, la remisión muchas veces no dura sin "
            "más tratamiento. Esperar a que la leucemia vuelva hace que el "
            "trasplante funcione peor. Los médicos de niños a veces no hacen el "
            "trasplante. Todavía no hay pruebas suficientes de que esto sea seguro "
            "para adolescentes y adultos jóvenes.",
            "values": (
                "Tener la mejor probabilidad de curarme",
                "Evitar efectos secundarios que duran años",
                "El tiempo lejos de la escuela, el trabajo o la familia",
                "No tener que volver seguido al hospital",
                "Probar un tratamiento nuevo en un estudio",
            ),
            "questions": (
                "¿Tengo un donante? ¿Quién podría ser?",
                "¿Qué mostró mi última prueba de EMR?",
                "¿Cuánto tiempo estaría en el hospital?",
                "¿Qué es la EICH y cómo se trata?",
                "¿Qué pasa si la leucemia vuelve sin un trasplante?",
                "¿Puedo participar en un ensayo clínico?",
            ),
        },
        "DA-CNS-RELAPSE": {
            "title": "Tratar la leucemia en el cerebro y la columna",
            "decision": {
                "isolated": "Se encontraron células de leucemia en el líquido que "
                "rodea el cerebro y la columna. No se encontraron en la médula "
                "ósea.",
                "involved": "Se encontraron células de leucemia en el líquido que "
                "rodea el cerebro y la columna.",
            },
            "goal": "Usted y su equipo médico elegirán cómo tratar esta parte del "
            "cuerpo.",
            "why_now": "La leucemia en el cerebro y la columna necesita su propio "
            "tratamiento. Los medicamentos en la sangre no llegan bien a ese "
            "líquido. Las opciones son distintas en sus efectos, por ejemplo en la "
            "memoria y el pensamiento.",
            "values": (
                "Eliminar la leucemia del cerebro y la columna",
                "Proteger mi memoria y mi forma de pensar",
                "Tener menos visitas de tratamiento",
                "Probar un tratamiento nuevo en un estudio",
            ),
            "questions": (
                "¿Por qué me sugieren esta opción?",
                "¿Cómo podría afectar esto mi memoria, la escuela o el trabajo?",
                "¿Cuántos tratamientos en el líquido de la columna necesitaré?",
                "¿Por qué no están de acuerdo las dos fuentes?",
                "¿Puedo participar en un estudio de células CAR-T?",
            ),
        },
        "DA-FERTILITY": {
            "title": "Cómo proteger su posibilidad de tener hijos",
            "decision": {
                "default": "Algunos tratamientos de la leucemia pueden hacer difícil "
                "tener hijos después. Puede elegir guardar óvulos, esperma o tejido "
                "antes de su próximo tratamiento.",
            },
            "goal": "También puede elegir hablar primero con un especialista, o no "
            "hacerlo ahora.",
            "why_now": "Esto funciona mejor antes de su próxima quimioterapia, "
            "trasplante o tratamiento con células CAR-T. Una vez que empiece ese "
            "tratamiento, puede ser tarde. La guía para su edad dice que se ofrezca "
            "antes del tratamiento.",
            "values": (
                "Tener hijos en el futuro",
                "Empezar el tratamiento lo antes posible",
                "El costo",
                "Lo que piensa mi pareja o mi familia",
                "Mis creencias",
            ),
            "questions": (
                "¿Cómo podría afectar mi tratamiento la posibilidad de tener hijos?",
                "¿Qué formas de guardar óvulos, esperma o tejido son para mí?",
                "¿Esto retrasaría mi tratamiento? ¿Cuánto?",
                "¿Quién paga esto?",
                "¿Puedo hablar con un trabajador social?",
            ),
        },
    },
    "notes": {
        "guideline_immuno": "La guía para personas de 15 a 39 años sugiere "
        "blinatumomab o inotuzumab, en lugar de quimioterapia, para este paso.",
        "ph_tki": "Su leucemia tiene el cromosoma Filadelfia. Se agrega a su "
        "tratamiento una pastilla llamada ITC (inhibidor de tirosina cinasa).",
        "t315i": "Su leucemia tiene un cambio llamado T315I. Solo dos ITC "
        "funcionan contra él: ponatinib y asciminib.",
        "antigen_unknown": "Su equipo necesita analizar sus células de leucemia "
        "para ver los marcadores CD19 y CD22. Algunos medicamentos solo funcionan "
        "cuando estos marcadores están presentes.",
        "cd19_escape": "Antes recibió un tratamiento dirigido a CD19. Su equipo "
        "revisará si sus células de leucemia todavía tienen CD19.",
        "blina_high_burden": "Hay mucha leucemia en su médula ósea. Antes del "
        "blinatumomab, puede recibir otro medicamento durante una semana más o "
        "menos. Esto baja el riesgo de SLC.",
        "cart_age": "Tiene más de 25 años, así que un producto CAR-T no está "
        "aprobado para usted. Otros productos CAR-T podrían estarlo.",
        "vod": "Usted recibió inotuzumab. Después de un trasplante, esto aumenta "
        "el riesgo de un problema grave del hígado llamado EVO, o SOS.",
        "vod_number": "En un estudio, {n} de {of} personas que recibieron un "
        "trasplante después de inotuzumab tuvieron EVO.",
        "vod_care": "Su equipo de trasplante lo sabrá. Vigilará su hígado de "
        "cerca. Un medicamento llamado defibrotida puede tratar la EVO.",
        "mrd_positive": "Su última prueba todavía encontró un poco de leucemia "
        "(EMR). El trasplante funciona mejor cuando no se encuentra leucemia. "
        "Pregunte a su equipo qué significa esto para usted.",
        "mrd_negative": "Su última prueba no encontró leucemia (EMR negativa). Es "
        "cuando mejor funciona un trasplante.",
        "after_cart": "Usted logró la remisión con células CAR-T. La guía sugiere "
        "pensar en un trasplante después de las CAR-T. Las pruebas todavía están "
        "creciendo.",
        "blina_maintenance": "Usted logró la remisión con blinatumomab. Si no "
        "recibe un trasplante, puede seguir con blinatumomab: una infusión de 4 "
        "semanas cada 12 semanas.",
        "sources_differ": "Nuestras dos fuentes no están de acuerdo. La guía para "
        "personas de 15 a 39 años aconseja el tratamiento en el líquido de la "
        "columna más tratamiento para todo el cuerpo. Desaconseja usar solo "
        "radiación. Una guía para adultos sugiere agregar radiación a la cabeza. "
        "Su equipo puede explicarle qué es mejor para usted.",
        "cns_rt_alone": "Su historia clínica muestra radiación a la cabeza sin "
        "tratamiento en el líquido de la columna. La guía desaconseja usar solo "
        "radiación.",
        "next_treatment": "Su próximo tratamiento empieza el {date}. Trate de "
        "hacer esto antes.",
        "fertility_done": "Según su historia clínica, ya tuvo una consulta de "
        "fertilidad. Aun así puede usar esta hoja para pensarlo.",
        "fertility_overdue": "Su tratamiento ya empezó. Pregunte a su equipo si "
        "todavía se pueden guardar óvulos, esperma o tejido.",
    },
    "removed": {
        "blinatumomab_cd19": "El blinatumomab solo funciona cuando las células de "
        "leucemia tienen un marcador llamado CD19. Las pruebas muestran que sus "
        "células de leucemia no lo tienen.",
        "inotuzumab_cd22": "El inotuzumab solo funciona cuando las células de "
        "leucemia tienen un marcador llamado CD22. Las pruebas muestran que sus "
        "células de leucemia no lo tienen.",
        "car_t_cd19": "Las células CAR-T solo funcionan cuando las células de "
        "leucemia tienen CD19. Las pruebas muestran que sus células de leucemia no "
        "lo tienen.",
        "car_t_none": "Células CAR-T: ninguno de los productos CAR-T está aprobado "
        "para su situación.",
        "tisagenlecleucel_age": "El tisagenlecleucel, un producto CAR-T, solo está "
        "aprobado para personas de 25 años o menos.",
        "tisagenlecleucel_label": "El tisagenlecleucel, un producto CAR-T, solo "
        "está aprobado cuando la leucemia no se fue con el tratamiento, o volvió "
        "dos veces o más.",
        "adult_only": "{product}, un producto CAR-T, solo está aprobado para "
        "adultos de 18 años o más.",
        "hsct_not_eligible": "Trasplante: su equipo médico vio que un trasplante no "
        "es seguro para usted ahora. Pregúnteles por qué.",
    },
    "sources": {
        "ASH-RR-2026": "ASH-RR-2026: guía 2026 de la Sociedad Americana de "
        "Hematología para la LLA en recaída o refractaria en personas de 15 a 39 "
        "años.",
        "ASH-FL-2026": "ASH-FL-2026: guía 2026 de la Sociedad Americana de "
        "Hematología para el primer tratamiento de la LLA en personas de 15 a 39 "
        "años.",
        "REF-ADULT-RR": "REF-ADULT-RR: una guía clínica para tratar la LLA en "
        "recaída o refractaria en adultos.",
    },
}
