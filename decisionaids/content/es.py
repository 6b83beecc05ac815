"""Spanish wording of the decision aids: the same keys as ``en.py``, in plain Spanish.

A test checks that every English key has a Spanish value, that no English sentence is
left in the rendered Spanish aid, and the terms a review asked for (recuentos
sanguíneos, pediatras, evidencia limitada, SURE for every reader). Drug, product and
study names stay as they are. Words about the patient avoid a gender ("usted").
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
    "month_year": "{month} de {year}",
    "decimal": ",",
    "ordinals": ("primera", "segunda", "tercera", "cuarta", "quinta"),
    "ordinal_more": "{n}.ª",
    "figures": {
        "of_100": "{n} de cada 100",
        "of_100_about": "cerca de {n} de cada 100",
        "of_100_range": "entre {low} y {high} de cada 100",
        "of_n": "cerca de {n} de cada 100 ({value} de {of} personas)",
        "also": "+ {n} de cada 100 en gris",
        "median_months": "la mitad vivió más de {n} meses",
        "array_label": "{n} de cada 100 personas",
        "array_label_also": "{n} de cada 100 personas, y {m} más en gris",
        "from": "De {ev_id}: {population}. Fuente: {source}.",
    },
    "arms": {
        "blinatumomab": "Blinatumomab",
        "chemotherapy": "Quimioterapia, mismo estudio",
        "chemotherapy_only": "Quimioterapia en lugar de un trasplante (un estudio "
        "antiguo)",
        "inotuzumab": "Inotuzumab",
        "inotuzumab_then_hsct": "Un trasplante después de inotuzumab",
        "tisagenlecleucel": "Tisa-cel",
        "brexucabtagene": "Brexu-cel",
        "obecabtagene": "Obe-cel",
        "revumenib": "Revumenib",
        "nelarabine": "Nelarabina",
        "hsct": "Trasplante",
        "hsct_sibling": "Trasplante de un hermano o una hermana",
        "hsct_unrelated": "Trasplante de un donante que no es de la familia",
        "hsct_mrdneg": "Trasplante sin leucemia en la prueba de EMR",
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
    "treatments": {
        "chemotherapy": "quimioterapia",
        "blinatumomab": "blinatumomab",
        "inotuzumab": "inotuzumab",
        "car_t": "células CAR-T",
        "revumenib": "revumenib",
        "nelarabine": "nelarabina",
        "tki": "una pastilla ITC",
        "dli": "linfocitos del donante",
        "it_chemotherapy": "tratamiento en el líquido de la columna",
        "cranial_rt": "radiación a la cabeza",
    },
    "sites": {
        "marrow": "la médula ósea",
        "cns": "el líquido que rodea el cerebro y la columna",
        "testis": "un testículo",
        "other_extramedullary": "otra parte del cuerpo",
    },
    "donors": {
        "matched_sibling": "su hermano o hermana",
        "matched_unrelated": "un donante que no es de la familia",
        "haploidentical": "un familiar compatible a medias",
        "cord": "sangre de cordón umbilical",
        "other": "un donante",
        "unknown": "un donante",
    },
    "markers": {"cd19": "CD19", "cd22": "CD22", "cd20": "CD20"},
    "cells": {
        "female": "óvulos",
        "male": "esperma",
        "default": "óvulos, esperma o tejido",
    },
    "common": {
        "made_for": "Para {name}",
        "made_for_you": "Para usted",
        "printed": "Impreso el {date}.",
        "based_on": "Según su historia clínica al {date}.",
        "care_team": "Su equipo médico: {name}, teléfono {phone}.",
        "care_team_name_only": "Su equipo médico: {name}. Su teléfono no está "
        "registrado en nuestro sistema. Pregúnteles cómo comunicarse.",
        "care_team_not_set": "El nombre y el teléfono de su equipo médico no están "
        "registrados en nuestro sistema. Pregunte a su equipo cómo comunicarse y "
        "escríbalo aquí.",
        "footer_name": "{name} · impreso el {date}",
        "footer_team": "Equipo médico: {name} · {phone}",
        "footer_team_not_set": "Teléfono del equipo médico: no registrado, "
        "pregunte a su equipo",
        "page": "Página",
        "of": "de",
        "supports": "Esta hoja le ayuda a hablar con su equipo médico. No "
        "reemplaza esa conversación.",
        "h_decision": "La decisión que tiene por delante",
        "h_why_now": "¿Por qué decidir ahora?",
        "h_about": "Sobre usted",
        "about_intro": "Estos datos de su historia clínica influyen en sus "
        "opciones. Avise a su equipo si algo no es correcto.",
        "h_safety": "Lea esto: su seguridad",
        "h_notes": "Lo que nuestras fuentes aconsejan para usted",
        "h_options": "Sus opciones de un vistazo",
        "options_intro": "Cada fila es una opción. Cada columna responde una "
        "pregunta que muchas personas hacen.",
        "option": "Opción",
        "h_removed": "Opciones que ahora no son para usted",
        "h_numbers": "Qué les pasó a las personas en los estudios",
        "more_numbers": "Más cifras de los estudios",
        "more_numbers_intro": "Cada línea nombra solo las opciones que tienen una "
        "cifra. Nuestras fuentes no dan cifra para las demás.",
        "not_compared": "Estas opciones nunca se compararon entre sí en un mismo "
        "estudio. Cada medicamento se comparó solo con quimioterapia, en su propio "
        "estudio, o se dio a un solo grupo sin comparación. No compare las cifras "
        "de distintas opciones como si fuera una carrera.",
        "numbers_intro": "Cada dibujo muestra 100 personas. Los cuadros negros "
        "tuvieron el resultado del título; los blancos, no. Los estudios con otras "
        "personas no pueden decir qué le pasará a usted.",
        "how_sure": "Con cada cifra está el tipo de estudio. Un estudio aleatorio "
        "formó los grupos al azar y los comparó: cifras más firmes. Un solo grupo "
        "sin comparación: cifras menos firmes. La guía para adultos califica su "
        "propio consejo como de baja certeza.",
        "no_figure": "Sin cifra en nuestras fuentes: {options}.",
        "no_numbers": "Nuestras fuentes no dan cifras para esta opción: {options}.",
        "no_numbers_many": "Nuestras fuentes no dan cifras para estas opciones: "
        "{options}.",
        "no_numbers_any": "Nuestras fuentes no dan cifras para estas opciones. Por "
        "eso esta hoja no muestra ninguna. Su equipo médico puede decirle lo que "
        "sabe.",
        "no_numbers_cell": "Nuestras fuentes no dan cifras.",
        "h_glossary": "Palabras que usa esta hoja",
        "h_values": "¿Qué es lo más importante para usted?",
        "values_intro": "Marque una casilla en cada línea. No hay respuestas buenas "
        "ni malas.",
        "values_scale": ("Mucho", "Un poco", "Nada"),
        "values_item": "¿Cuánto me importa?",
        "h_questions": "Preguntas para su equipo médico",
        "own_questions": "Mis propias preguntas:",
        "h_sure": "¿Tiene lo que necesita para decidir? La prueba SURE",
        "sure_intro": "Responda sí o no.",
        "sure_items": (
            (
                "Seguridad",
                "¿Se siente con seguridad sobre cuál es la mejor opción para usted?",
            ),
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
        "h_next": "Sus próximos pasos",
        "leaning": "¿Hacia qué opción se inclina?",
        "not_sure": "Todavía no lo sé",
        "who_else": "¿Quién más quiere que le ayude a decidir?",
        "who_else_hint": "Por ejemplo, su familia, su pareja, sus amistades o alguien "
        "de su equipo médico.",
        "support": "¿Qué apoyo necesita?",
        "support_items": (
            "Más información sobre mis opciones",
            "Tiempo para pensar",
            "Ayuda de trabajo social con dinero, estudios o trabajo",
            "Hablar con alguien que haya pasado por esto",
        ),
        "steps": "¿Qué hará ahora?",
        "steps_items": (
            "Hablar otra vez con mi equipo médico",
            "Preguntar por un ensayo clínico",
            "Pedir una segunda opinión",
        ),
        "h_sources": "De dónde viene esta información",
        "sources_intro": "Estudios de donde vienen las cifras:",
        "guidelines_intro": "Guías de donde vienen las opciones:",
        "reviewed": "Este contenido se revisó por última vez el {date}.",
        "versions": "Ayuda para decidir {aid_id}, versión del contenido {version}, "
        "versión de las reglas {rules}.",
        "given_before": "Ya lo recibió, en {date}.",
        "had_before": "Ya lo recibió antes.",
        "needs_test_cd19": "Primero, una prueba debe mostrar CD19 en sus células "
        "de leucemia.",
        "needs_test_cd22": "Primero, una prueba debe mostrar CD22 en sus células "
        "de leucemia.",
        "products_fit": "Podrían ser para usted: {products}.",
        "products_check": "Su equipo revisará si puede recibir: {products}.",
        "and": "y",
        "or": "ni",
        "or_plain": "o",
    },
    "rows": {
        "what": "¿Qué es?",
        "how": "¿Cómo, dónde y cuánto dura? ¿Tiempo en el hospital?",
        "risks": "¿Cuáles son los riesgos principales?",
    },
    "certainty": {
        "randomised_vs_chemotherapy": "estudio aleatorio",
        "single_arm": "un solo grupo, sin comparación",
        "donor_comparison": "no aleatorio, un estudio antiguo",
        "registry": "registros de trasplantes, muchos sin remisión",
        "single_institution": "registros de un solo hospital",
    },
    "outcome_rows": {
        "remission": "Lograron la remisión",
        "mrd_negative": "Sin leucemia, ni con la prueba más sensible (EMR)",
        "response": "La leucemia se redujo o desapareció",
        "efs_6m": "Con vida y la leucemia controlada 6 meses después",
        "efs_12m": "Con vida y la leucemia controlada 12 meses después",
        "alive_1y": "Con vida 1 año después",
        "alive_2y": "Con vida 2 años después",
        "median_os": "Cuánto tiempo vivieron",
        "alive_5y": "Con vida 5 años después",
        "alive_3y_mrdneg": "Con vida 3 años después, sin leucemia encontrada antes "
        "del trasplante",
        "alive_3y_transplanted": "Con vida 3 años después de un trasplante",
        "crs_severe": "Reacción inmunitaria grave (SLC)",
        "crs_any": "Reacción inmunitaria (SLC), de leve a grave",
        "neuro_severe": "Efectos graves en el cerebro o los nervios",
        "icans_severe": "Efectos graves en el cerebro (ICANS)",
        "infection_severe": "Infección grave",
        "vod_severe": "Daño grave del hígado (EVO)",
        "vod_after_hsct": "Daño del hígado (EVO) en personas con un trasplante "
        "después de inotuzumab",
        "ds_severe": "Síndrome de diferenciación grave",
        "qt_severe": "Cambio grave del ritmo del corazón (QT)",
        "fn_severe": "Fiebre con glóbulos blancos muy bajos",
        "fatal": "Murieron mientras lo tomaban o en los 30 días siguientes",
        "gvhd_acute": "EICH en los primeros meses",
        "gvhd_acute_severe": "EICH grave en los primeros meses",
        "gvhd_chronic": "EICH de larga duración",
    },
    "also_legend": "Cuadros grises: personas que {outcome}.",
    "also_apart": "{label}: {n} de cada 100 más {outcome}. Eso no es una remisión.",
    "cell_notes": {
        "cr_cri_together": "Inotuzumab y su grupo de quimioterapia: estas cifras "
        "cuentan la remisión con o sin recuentos sanguíneos normales. Nuestras "
        "fuentes no las separan.",
        "cr_only": "Revumenib: nuestras fuentes cuentan solo la remisión completa, "
        "con los recuentos sanguíneos de vuelta a lo normal.",
    },
    "uncertain": {
        "chance": "El estudio no pudo asegurar que esta diferencia no se debiera al "
        "azar.",
    },
    "row_notes": {
        "alive_3y_transplanted": "Eran personas con un trasplante por una leucemia "
        "que volvió o que no se fue. Muchas no estaban en remisión.",
        "alive_5y": "El grupo de quimioterapia la recibió en lugar de un trasplante, "
        "en un estudio anterior a los medicamentos nuevos de hoy.",
    },
    "caveats": {
        "tower_ph_negative": "El estudio de blinatumomab incluyó solo a personas "
        "cuya leucemia no tenía el cromosoma Filadelfia. La suya lo tiene.",
        "nelarabine_age": "El estudio de nelarabina incluyó solo a adultos de 25 "
        "años o más. Usted tiene menos.",
    },
    "options": {
        "blinatumomab": {
            "name": "Blinatumomab",
            "what": "Un medicamento que ayuda a sus defensas a matar las células de "
            "leucemia que tienen CD19.",
            "how": "Por la vena, de día y de noche, 4 semanas, y luego 2 semanas de "
            "descanso. Cada ciclo empieza con 2 o 3 días en el hospital.",
            "risks": "Fiebre y presión baja (SLC). Confusión, dificultad para hablar "
            "o convulsiones.",
        },
        "inotuzumab": {
            "name": "Inotuzumab",
            "what": "Un medicamento que se pega a las células de leucemia que tienen "
            "CD22. Lleva un fármaco fuerte que las destruye desde adentro.",
            "how": "Por la vena los días 1, 8 y 15 de un ciclo de 3 a 4 semanas. "
            "Muchas veces sin quedarse en el hospital: se queda 1 hora tras cada "
            "infusión.",
            "risks": "Daño del hígado (EVO), más aún con un trasplante después. "
            "Recuentos sanguíneos bajos.",
        },
        "car_t": {
            "name": "Células CAR-T",
            "what": "Sus propias defensas, cambiadas en un laboratorio para atacar "
            "las células de leucemia que tienen CD19.",
            "how": "Se recogen células de su sangre y se cambian en un laboratorio, "
            "lo que lleva tiempo. Unos días de quimioterapia les hacen lugar. Luego "
            "las células vuelven a entrar por la vena. Solo en centros autorizados.",
            "risks": "Fiebre y presión baja (SLC). Efectos en el cerebro (ICANS). "
            "Infecciones. Recuentos sanguíneos bajos que pueden durar.",
        },
        "revumenib": {
            "name": "Revumenib",
            "what": "Una pastilla para la leucemia con un cambio en el gen KMT2A. "
            "Bloquea lo que hace ese cambio.",
            "how": "Pastillas por la boca dos veces al día, en casa, con controles "
            "en la clínica. La dosis depende de su peso y de sus otros medicamentos.",
            "risks": "Síndrome de diferenciación. Cambios en el ritmo del corazón. "
            "Fiebre con glóbulos blancos bajos. Daño a un bebé en el embarazo.",
        },
        "nelarabine": {
            "name": "Nelarabina",
            "what": "Un medicamento de quimioterapia que se usa para la leucemia de "
            "células T.",
            "how": "Por la vena durante 2 horas, los días 1, 3 y 5 de cada ciclo de "
            "3 semanas.",
            "risks": "Efectos en los nervios: adormecimiento, hormigueo, debilidad o "
            "confusión. No siempre se quitan. Recuentos sanguíneos bajos.",
        },
        "dli": {
            "name": "Linfocitos del donante",
            "what": "Glóbulos blancos de su donante de trasplante. Pueden ayudar a "
            "combatir la leucemia.",
            "how": "Por la vena, en su centro de trasplantes.",
            "risks": "Las células del donante pueden atacar su cuerpo (EICH). "
            "Pregunte a su equipo.",
        },
        "chemotherapy": {
            "name": "Quimioterapia",
            "what": "Medicamentos fuertes que matan las células que crecen rápido.",
            "how": "Por la vena, inyecciones o pastillas, en el hospital o la "
            "clínica. La mezcla se elige según la fuerza de su cuerpo. El tiempo en "
            "el hospital depende de la mezcla.",
            "risks": "Recuentos sanguíneos bajos. Infecciones graves.",
        },
        "trial": {
            "name": "Un ensayo clínico",
            "what": "Un estudio de un tratamiento nuevo, o de una forma nueva de "
            "usarlo.",
            "how": "Depende del estudio. Puede ser en un hospital lejos de casa.",
            "risks": "Efectos que nadie conoce todavía.",
        },
        "hsct": {
            "name": "Trasplante",
            "what": "Primero, quimioterapia fuerte, a veces con radiación, vacía la "
            "médula ósea. Luego entran por la vena células que forman la sangre, de "
            "un donante. Pueden combatir la leucemia.",
            "how": "En un centro de trasplantes. El donante puede ser un hermano, "
            "una hermana u otra persona.",
            "risks": "Las células del donante pueden atacar su cuerpo (EICH). "
            "Infecciones. Daños pronto y años después.",
        },
        "no_hsct": {
            "name": "Sin trasplante",
            "what": "Mantener la remisión con más tratamiento y luego un tratamiento "
            "más suave por mucho tiempo, o con controles regulares.",
            "how": "En la clínica o el hospital. Su equipo elige el plan según lo "
            "que recibió antes. El tratamiento suave suele durar mucho tiempo.",
            "risks": "Es más probable que la leucemia vuelva. Nuestras fuentes no "
            "dan cifras a largo plazo para esto.",
        },
        "it_systemic": {
            "name": "Tratamiento en el líquido de la columna más tratamiento para "
            "todo el cuerpo",
            "what": "Medicamento en el líquido que rodea el cerebro y la columna, "
            "más tratamiento para todo el cuerpo.",
            "how": "Una aguja fina en la parte baja de la espalda pone el "
            "medicamento, en una clínica u hospital.",
            "risks": "Puede afectar la memoria y el pensamiento.",
        },
        "cranial_rt": {
            "name": "Agregar radiación a la cabeza",
            "what": "Radiación a toda la cabeza, más tratamiento en el líquido de la "
            "columna.",
            "how": "12 visitas cortas de radiación en un centro de radioterapia, y "
            "al menos 6 tratamientos en el líquido de la columna.",
            "risks": "Puede afectar la memoria y el pensamiento.",
        },
        "fertility_counselling": {
            "name": "Hablar con un especialista en fertilidad",
            "what": "Un especialista le explica cómo el tratamiento puede afectar "
            "tener hijos, y sus opciones.",
            "how": "Una consulta o una llamada, antes de su próximo tratamiento. Sin "
            "quedarse en el hospital.",
            "risks": "Es una cosa más en que pensar en un momento difícil.",
        },
        "fertility_preservation": {
            "name": "Guardar óvulos, esperma o tejido para después",
            "what": "Se congelan y se guardan células o tejido. Más adelante podría "
            "usarlos para intentar tener un hijo.",
            "how": "En una clínica de fertilidad, antes de su próximo tratamiento. "
            "El equipo de fertilidad le dice qué formas son para usted.",
            "risks": "Puede que después no se logre un embarazo. El costo puede ser "
            "alto. El trabajo social puede ayudar.",
        },
        "fertility_not_now": {
            "name": "Decidir no hacerlo ahora",
            "what": "Puede decir que no. Es su decisión.",
            "how": "No se da nada.",
            "risks": "El tratamiento puede hacer más difícil tener hijos después.",
        },
    },
    "option_variants": {
        "chemotherapy": {
            "second": {
                "what": "Medicamentos fuertes que matan las células que crecen "
                "rápido. La guía sugiere primero los medicamentos de las otras "
                "filas.",
            },
            "fallback": {
                "what": "Medicamentos fuertes que matan las células que crecen "
                "rápido. Es la opción principal ahora, porque los medicamentos "
                "dirigidos a CD19 o CD22 no son para usted.",
            },
            "t_other": {
                "name": "Otra quimioterapia",
                "what": "Otros medicamentos fuertes que matan las células que crecen "
                "rápido, sin nelarabina.",
            },
        },
        "trial": {
            "first": {
                "what": "Un estudio de un tratamiento nuevo. Cuando la leucemia "
                "volvió más de una vez, nuestras fuentes sugieren primero un "
                "ensayo.",
            },
            "cart": {
                "what": "Un estudio. Se están estudiando las células CAR-T para la "
                "leucemia en el cerebro y la columna.",
            },
        },
        "no_hsct": {
            "blina": {
                "what": "Mantener la remisión con blinatumomab en lugar de un "
                "trasplante.",
                "how": "Por la vena, de día y de noche, 4 semanas, cada 12 semanas. "
                "Cada ciclo empieza en el hospital.",
                "risks": "Es más probable que la leucemia vuelva. No hay cifras a "
                "largo plazo para el blinatumomab usado así.",
            },
        },
        "it_systemic": {
            "involved": {
                "name": "Tratamiento en el líquido de la columna junto a su "
                "tratamiento principal",
                "what": "Medicamento en el líquido que rodea el cerebro y la "
                "columna, junto con su tratamiento principal.",
            },
        },
        "cranial_rt": {
            "involved": {
                "what": "Radiación a toda la cabeza, además del tratamiento en el "
                "líquido de la columna y su tratamiento principal.",
            },
        },
        "fertility_preservation": {
            "male": {
                "name": "Guardar esperma para después",
                "what": "Se congela y se guarda esperma. Más adelante podría usarlo "
                "para intentar tener un hijo.",
            },
            "female": {
                "name": "Guardar óvulos para después",
                "what": "Se congelan y se guardan óvulos. Más adelante podría usarlos "
                "para intentar tener un hijo.",
            },
        },
    },
    "option_overrides": {
        "DA-REINDUCTION": {
            "trial": {
                "what": "Un estudio de un tratamiento nuevo. La guía dice que se "
                "piense en esto en cada paso."
            },
        },
        "DA-REINDUCTION-T": {
            "trial": {
                "what": "Un estudio de un tratamiento nuevo. La guía dice que se "
                "piense en esto en cada paso."
            },
        },
        "DA-TRANSPLANT": {
            "trial": {
                "what": "Un estudio, por ejemplo de una forma nueva de mantener la "
                "remisión."
            },
        },
        "DA-CNS-RELAPSE": {},
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
            "goal": "La meta es la remisión: que las pruebas de siempre ya no "
            "encuentren leucemia.",
            "why_now": "La leucemia necesita tratamiento pronto. Más de un "
            "tratamiento puede funcionar. Son distintos en cómo se dan, cuánto "
            "duran y sus efectos secundarios. La mejor opción puede depender de "
            "lo que más le importa a usted.",
            "values": (
                "Tener la mejor probabilidad de remisión",
                "Pasar menos tiempo en el hospital",
                "Evitar efectos secundarios graves",
                "Seguir con los estudios, el trabajo o la familia",
                "Probar un tratamiento nuevo en un estudio",
            ),
            "questions": (
                "¿Qué opciones son mejores para mí, y por qué?",
                "¿Puede volver a funcionar un medicamento que ya recibí?",
                "¿Cuánto tiempo pasaré en el hospital?",
                "¿Puedo participar en un ensayo clínico?",
                "¿Qué pasa si este tratamiento no funciona?",
                "¿Debo hablar primero con un especialista en fertilidad?",
            ),
        },
        "DA-REINDUCTION-T": {
            "title": "Cómo elegir su próximo tratamiento para la leucemia de células T",
            "decision": {
                "relapse": "Su leucemia de células T volvió. Usted y su equipo "
                "médico elegirán el próximo tratamiento.",
                "primary_refractory": "Su leucemia de células T no se fue con los "
                "primeros tratamientos. Usted y su equipo médico elegirán el "
                "próximo tratamiento.",
                "progression_after_salvage": "Su leucemia de células T volvió a "
                "crecer después del último tratamiento. Usted y su equipo médico "
                "elegirán qué probar ahora.",
            },
            "goal": "La meta es la remisión: que las pruebas de siempre ya no "
            "encuentren leucemia.",
            "why_now": "La leucemia necesita tratamiento pronto. Las opciones son "
            "distintas en cómo se dan y en sus efectos secundarios. La mejor opción "
            "puede depender de lo que más le importa a usted.",
            "values": (
                "Tener la mejor probabilidad de remisión",
                "Evitar efectos en los nervios",
                "Pasar menos tiempo en el hospital",
                "Seguir con los estudios, el trabajo o la familia",
                "Probar un tratamiento nuevo en un estudio",
            ),
            "questions": (
                "¿Qué opción es mejor para mí, y por qué?",
                "¿Cómo vigilarán los efectos en los nervios?",
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
                "not_eligible": "Su leucemia está otra vez en remisión. Ahora usted y "
                "su equipo médico elegirán cómo evitar que vuelva. Su equipo vio que "
                "un trasplante no es seguro para usted ahora, así que esta hoja trata "
                "de las otras opciones.",
            },
            "goal": "Para la leucemia que volvió, el trasplante es el tratamiento "
            "con más pruebas de que puede curar a algunas personas. No cura a todas. "
            "También puede causar daños graves.",
            "why_now": "Después de una recaída, la remisión muchas veces no dura sin "
            "más tratamiento. Esperar a que la leucemia vuelva hace que el "
            "trasplante funcione peor. Los pediatras a veces no hacen el trasplante. "
            "Todavía no hay pruebas suficientes de que esto sea seguro para "
            "adolescentes mayores y adultos jóvenes.",
            "values": (
                "Tener la mejor probabilidad de curarme",
                "Evitar efectos secundarios que duran años",
                "El tiempo lejos de los estudios, el trabajo o la familia",
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
                "involved": "Se encontraron células de leucemia en la médula ósea y "
                "en el líquido que rodea el cerebro y la columna.",
            },
            "goal": {
                "isolated": "La meta es eliminar la leucemia de ese líquido y evitar "
                "que vuelva. Usted y su equipo médico elegirán cómo.",
                "involved": "Su tratamiento principal trata todo el cuerpo. Esta "
                "hoja trata del tratamiento extra para el cerebro y la columna.",
            },
            "why_now": "La leucemia en el cerebro y la columna necesita su propio "
            "tratamiento. Muchos medicamentos en la sangre no llegan bien a ese "
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
                "¿Cómo podría afectar esto mi memoria, los estudios o el trabajo?",
                "¿Cuántos tratamientos en el líquido de la columna necesitaré?",
                "¿Por qué nuestras fuentes difieren sobre la radiación?",
                "¿Hay un estudio que sea para mí?",
            ),
        },
        "DA-FERTILITY": {
            "title": "Cómo proteger su posibilidad de tener hijos",
            "decision": {
                "default": "Algunos tratamientos de la leucemia pueden hacer difícil "
                "tener hijos después. Puede elegir guardar óvulos, esperma o tejido "
                "antes de su próximo tratamiento.",
                "female": "Algunos tratamientos de la leucemia pueden hacer difícil "
                "tener hijos después. Puede elegir guardar óvulos antes de su "
                "próximo tratamiento.",
                "male": "Algunos tratamientos de la leucemia pueden hacer difícil "
                "tener hijos después. Puede elegir guardar esperma antes de su "
                "próximo tratamiento.",
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
                "¿Qué formas de guardar {cells} son para mí?",
                "¿Esto retrasaría mi tratamiento? ¿Cuánto?",
                "¿Quién paga esto?",
                "¿Puedo hablar con trabajo social?",
            ),
        },
    },
    "facts": {
        "refractory": "Su leucemia no se fue con sus primeros tratamientos.",
        "remission_again": "Su leucemia está otra vez en remisión, después de "
        "volver por {nth} vez.",
        "remission_again_unknown": "Su leucemia está otra vez en remisión, después "
        "de volver.",
        "relapse_n": "Su leucemia volvió por {nth} vez en {date}.",
        "relapse_n_undated": "Su leucemia volvió por {nth} vez.",
        "relapse_unknown": "Su leucemia volvió. Su historia clínica no dice cuántas "
        "veces.",
        "progression": "Volvió a crecer después del último tratamiento.",
        "remission_length": "Su última remisión duró unos {months} meses.",
        "remission_length_1": "Su última remisión duró cerca de 1 mes.",
        "remission_length_short": "Su última remisión duró menos de un mes.",
        "remission_length_unknown": "Su historia clínica no dice cuánto duró su "
        "última remisión.",
        "sites": "Se encontró leucemia en {sites}.",
        "sites_cns_only": "Se encontró leucemia solo en el líquido que rodea el "
        "cerebro y la columna, no en la médula ósea.",
        "t_cell": "Su leucemia es una LLA de células T.",
        "markers_has": "Sus células de leucemia tienen {markers}.",
        "markers_lacks": "No tienen {markers}.",
        "markers_lacks_only": "Sus células de leucemia no tienen {markers}.",
        "markers_untested": "Todavía sin analizar: {markers}.",
        "ph_positive": "Su leucemia tiene el cromosoma Filadelfia (Ph+).",
        "kmt2a": "Su leucemia tiene un cambio en el gen KMT2A.",
        "treatment_before": "Recibió {treatment} en {date}.",
        "treatment_this_episode": "Recibió {treatment} en {date}, después de que la "
        "leucemia volviera esta vez.",
        "transplant": "Recibió un trasplante en {date}, de {donor}.",
        "had_vod_sos": "Tuvo un daño del hígado llamado EVO en {date}.",
        "had_vod_sos_severe": "Tuvo un daño grave del hígado llamado EVO en {date}.",
        "had_crs_severe": "Tuvo una reacción inmunitaria grave (SLC) en {date}.",
        "had_icans_severe": "Tuvo efectos graves en el cerebro (ICANS) en {date}.",
        "mrd_negative": "Su última prueba de EMR en esta remisión no encontró "
        "leucemia.",
        "mrd_positive": "Su última prueba de EMR en esta remisión todavía encontró "
        "un poco de leucemia.",
        "mrd_unknown": "Su historia clínica todavía no tiene una prueba de EMR de "
        "esta remisión.",
        "remission_with": "Logró esta remisión con {treatment}.",
        "transplant_eligible_yes": "Su equipo médico cree que un trasplante podría "
        "ser seguro para usted.",
        "transplant_eligible_no": "Su equipo médico vio que un trasplante no es "
        "seguro para usted ahora.",
        "transplant_eligible_unknown": "Su equipo médico todavía no dijo si un "
        "trasplante sería seguro para usted.",
    },
    "notes": {
        "guideline_immuno": "La guía para personas de 15 a 39 años sugiere "
        "{agents}, en lugar de quimioterapia, en este paso.",
        "guideline_nelarabine": "La guía para personas de 15 a 39 años sugiere un "
        "tratamiento con nelarabina en este paso.",
        "multiply_relapsed": "Cuando la leucemia volvió más de una vez, o creció "
        "después del tratamiento, nuestras fuentes sugieren primero un ensayo "
        "clínico, si hay uno para usted.",
        "transplant_later": "Si logra la remisión, un trasplante podría ser una "
        "opción. Todavía no ha recibido ninguno.",
        "late_relapse_retreat": "Su última remisión duró 3 años o más. Por eso se "
        "puede volver a usar el tratamiento que la logró.",
        "ph_tki": "Su leucemia tiene el cromosoma Filadelfia. Se agrega a su "
        "tratamiento una pastilla llamada ITC. Un análisis de la leucemia ayuda a "
        "elegir cuál.",
        "tki_this_episode": "La leucemia volvió mientras tomaba una pastilla ITC. "
        "Su equipo verá qué ITC usar ahora.",
        "t315i": "Su leucemia tiene un cambio llamado T315I. Limita qué pastillas "
        "ITC pueden funcionar. Un análisis guía la elección.",
        "rituximab": "Sus células de leucemia tienen CD20. Si recibe quimioterapia, "
        "se puede agregar un medicamento llamado rituximab.",
        "chemo_by_fitness_fit": "Su cuerpo puede con un tratamiento fuerte ahora. "
        "Por eso se puede usar una mezcla de quimioterapia más fuerte.",
        "chemo_by_fitness_less_fit": "Se puede usar una mezcla de quimioterapia más "
        "suave, según la fuerza de su cuerpo ahora.",
        "chemo_by_fitness_unknown": "La fuerza de su cuerpo ahora decidirá qué tan "
        "fuerte es la mezcla de quimioterapia.",
        "cns_second_sheet": "También se encontró leucemia en el líquido que rodea el "
        "cerebro y la columna. Otra hoja explica el tratamiento extra para eso.",
        "cart_cns": "Las células CAR-T para la leucemia en el cerebro y la columna "
        "todavía se están estudiando.",
        "no_blina_maintenance_cd19": "Logró la remisión con blinatumomab. Pero sus "
        "células de leucemia ya no tienen CD19. Por eso no se ofrece blinatumomab "
        "para mantener la remisión.",
        "second_transplant": "Ya recibió un trasplante antes. Pregunte a su equipo "
        "qué significaría otro para usted.",
        "after_cart": "Logró la remisión con células CAR-T. La guía sugiere pensar "
        "en un trasplante después de las CAR-T. La evidencia todavía es limitada.",
        "mrd_positive": "El trasplante funciona mejor cuando la prueba de EMR no "
        "encuentra leucemia. Pregunte a su equipo qué significa su resultado.",
        "sources_isolated": "Nuestras dos fuentes difieren. La guía para personas "
        "de 15 a 39 años aconseja el tratamiento en el líquido de la columna más "
        "tratamiento para todo el cuerpo. Desaconseja usar solo radiación. Una guía "
        "para adultos sugiere radiación a la cabeza más tratamiento en el líquido "
        "de la columna. Su equipo puede explicarle qué es mejor para usted.",
        "sources_involved": "Una guía para adultos sugiere radiación a la cabeza más "
        "tratamiento en el líquido de la columna cuando se encuentra leucemia ahí. "
        "La guía para personas de 15 a 39 años desaconseja usar solo radiación. Su "
        "equipo puede explicarle qué es mejor para usted.",
        "cart_cns_study": "Se están estudiando las células CAR-T para la leucemia "
        "en el cerebro y la columna. Pregunte si hay un estudio para usted.",
        "whole_body_too": "Todas las opciones de esta hoja incluyen tratamiento para "
        "todo el cuerpo. Pregunte a su equipo cuál le sugiere.",
        "main_treatment_sheet": "El tratamiento principal para la leucemia de la "
        "médula ósea está en otra hoja.",
        "next_treatment": "Su próximo tratamiento empieza el {date}. Trate de hacer "
        "esto antes.",
        "fertility_done": "Según su historia clínica, ya tuvo una consulta de "
        "fertilidad. Aun así puede usar esta hoja para pensarlo.",
        "fertility_overdue": "Su tratamiento ya empezó. Pregunte a su equipo si "
        "todavía se puede guardar {cells}.",
    },
    "safety": {
        "prior_vod": "Ya tuvo un daño del hígado llamado EVO. La EVO es el efecto "
        "más grave del inotuzumab. Su equipo lo tendrá en cuenta antes de elegirlo.",
        "ino_hsct_planning": "Si recibe inotuzumab y luego un trasplante, el riesgo "
        "de EVO sube. En un estudio, tuvieron EVO {figure} que recibieron un "
        "trasplante después de inotuzumab. Su equipo lo planeará con el equipo de "
        "trasplante.",
        "ino_vod": "Recibió inotuzumab. Después de un trasplante, esto aumenta el "
        "riesgo de un daño grave del hígado llamado EVO. En un estudio, le pasó a "
        "{figure}. Su equipo de trasplante lo sabrá y vigilará su hígado de cerca. "
        "Un medicamento llamado defibrotida puede tratar la EVO.",
        "cd19_escape": "Ya recibió un tratamiento dirigido a CD19. Las células de "
        "leucemia pueden perder CD19. Su equipo revisará que su leucemia todavía lo "
        "tenga antes de usar un tratamiento dirigido a CD19.",
        "cd19_lost": "Ya recibió un tratamiento dirigido a CD19. Sus células de "
        "leucemia ya no tienen CD19, así que los tratamientos dirigidos a CD19 "
        "podrían no funcionar.",
        "antigen_unknown": "Su equipo necesita analizar sus células de leucemia "
        "para ver los marcadores CD19 y CD22. Algunos medicamentos solo funcionan "
        "cuando estos marcadores están presentes.",
        "blina_high_burden": "Hay mucha leucemia en su médula ósea. Antes del "
        "blinatumomab, puede recibir otro medicamento durante una semana más o "
        "menos. Esto baja el riesgo de SLC.",
        "revumenib_medicines": "Revumenib: cuente a su equipo todos los "
        "medicamentos que toma. Algunos cambian la dosis de revumenib que necesita. "
        "El revumenib puede dañar a un bebé en el embarazo.",
        "revumenib_cyp3a4": "Uno de sus medicamentos cambia la dosis de revumenib "
        "que necesita. Su equipo ajustará la dosis. El revumenib puede dañar a un "
        "bebé en el embarazo.",
        "nelarabine_neuro": "La nelarabina puede causar efectos en los nervios. El "
        "riesgo es mayor con leucemia en el cerebro y la columna, tratamiento en el "
        "líquido de la columna, radiación a la cabeza o problemas de nervios "
        "anteriores. Avise de inmediato si tiene adormecimiento, hormigueo, "
        "debilidad o confusión.",
        "cns_rt_alone": "Su historia clínica muestra radiación a la cabeza sin "
        "tratamiento en el líquido de la columna. La guía desaconseja usar solo "
        "radiación.",
        "outside_aya": "La guía está escrita para personas de 15 a 39 años. Su "
        "equipo le explicará cómo se aplica a usted.",
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
        "blinatumomab_untested": "El blinatumomab solo funciona cuando las células "
        "de leucemia tienen CD19. Su leucemia todavía no se ha analizado para eso.",
        "inotuzumab_untested": "El inotuzumab solo funciona cuando las células de "
        "leucemia tienen CD22. Su leucemia todavía no se ha analizado para eso.",
        "car_t_untested": "Las células CAR-T solo funcionan cuando las células de "
        "leucemia tienen CD19. Su leucemia todavía no se ha analizado para eso.",
        "given_in_episode": "{option}: lo recibió en {date}, y la leucemia no se fue "
        "o volvió a crecer. Por eso no se ofrece otra vez ahora.",
        "given_in_episode_undated": "{option}: lo recibió desde que la leucemia "
        "volvió esta vez, y no logró la remisión. Por eso no se ofrece otra vez "
        "ahora.",
        "car_t_none": "Células CAR-T: ninguno de los productos CAR-T está aprobado "
        "para su situación ahora.",
        "tisagenlecleucel_age": "El tisagenlecleucel, un producto CAR-T, solo está "
        "aprobado para personas de 25 años o menos.",
        "tisagenlecleucel_label": "El tisagenlecleucel, un producto CAR-T, solo "
        "está aprobado cuando la leucemia no se fue con el tratamiento, o volvió "
        "dos veces o más.",
        "adult_only": "{product}, un producto CAR-T, solo está aprobado para "
        "adultos de 18 años o más.",
        "revumenib_before": "Revumenib: ya lo recibió antes. Nuestras fuentes lo "
        "sugieren para quienes no lo han recibido.",
        "dli_cord": "Linfocitos del donante: su trasplante usó sangre de cordón "
        "umbilical, así que no hay un donante que pueda dar más células.",
        "hsct_not_eligible": "Trasplante: su equipo médico vio que un trasplante no "
        "es seguro para usted ahora. Pregúnteles por qué.",
    },
    "glossary": {
        "remission": (
            "Remisión",
            "Las pruebas de siempre ya no encuentran leucemia. No siempre es una cura.",
        ),
        "mrd": (
            "EMR",
            "Una prueba muy sensible que busca células de leucemia que quedan "
            "después del tratamiento.",
        ),
        "cd19": (
            "CD19, CD22",
            "Marcadores en la superficie de las células de leucemia. Algunos "
            "medicamentos van dirigidos a ellos.",
        ),
        "crs": (
            "SLC",
            "Una reacción fuerte de las defensas: fiebre, presión baja y sentirse "
            "muy mal. Se puede tratar.",
        ),
        "icans": (
            "ICANS",
            "Efectos en el cerebro de los tratamientos inmunitarios: confusión, "
            "dificultad para hablar o convulsiones.",
        ),
        "vod": (
            "EVO",
            "Se tapan venas pequeñas del hígado. Puede causar un daño grave del "
            "hígado. También se llama SOS.",
        ),
        "gvhd": (
            "EICH",
            "Cuando las células del donante atacan su cuerpo, por ejemplo la piel, "
            "el intestino o el hígado.",
        ),
        "differentiation_syndrome": (
            "Síndrome de diferenciación",
            "Una reacción cuando las células de leucemia cambian rápido. Puede "
            "causar fiebre, retención de líquidos y dificultad para respirar. "
            "Necesita tratamiento rápido.",
        ),
        "conditioning": (
            "Trasplante",
            "Quimioterapia fuerte, a veces con radiación, vacía la médula ósea. "
            "Luego se dan las células del donante.",
        ),
        "intrathecal": (
            "Tratamiento en el líquido de la columna",
            "Medicamento que se pone en el líquido que rodea el cerebro y la "
            "columna con una aguja fina en la parte baja de la espalda.",
        ),
    },
    "glossary_triggers": {
        "remission": ("remisión",),
        "mrd": ("emr",),
        "cd19": ("cd19", "cd22"),
        "crs": ("slc",),
        "icans": ("icans",),
        "vod": ("evo",),
        "gvhd": ("eich",),
        "differentiation_syndrome": ("síndrome de diferenciación",),
        "conditioning": ("vacía la médula ósea",),
        "intrathecal": ("líquido de la columna",),
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
