// The language of career pages, in one place: which words name a role, which mark a level, which headings
// name what kind of statement follows, and which sections and lines are not role content (benefits, how to
// apply, equal-opportunity statements, …). The outline reader (src/parse/outline-reader.ts) reads these.

/** Head nouns of job titles (singular and plural). A heading that ends in one names a role. */
export const ROLE_NOUN =
  /\b(?:engineers?|developers?|programmers?|managers?|designers?|researchers?|scientists?|analysts?|architects?|leads?|writers?|specialists?|coordinators?|strategists?|directors?|officers?|advis[eo]rs?|consultants?|experts?|administrators?|heads? of [\p{L} ]+|vps?|vice presidents?|presidents?|executives?|chiefs? [\p{L} ]+|cto|ceo|cfo|coo|ciso|owners?|testers?|technicians?|editors?|marketers?|recruiters?|accountants?|interns?|apprentices?|fellows?|contributors?|reviewers?|approvers?|maintainers?|partners?|representatives?|assistants?|associates?|operators?|agents?|planners?|producers?|stewards?|sres?|devops|secretar(?:y|ies)|clerks?|nurses?|teachers?|trainers?|coaches?|supervisors?|principals?|generalists?|practitioners?|economists?|statisticians?|librarians?|auditors?|inspectors?|controllers?|buyers?|officials?|members?)\b/iu

/** Seniority words that open a title ("Senior Product Designer"); they name a level, not a discipline. */
export const SENIORITY =
  /^(?:senior staff|senior principal|sr\.? principal|junior|jr\.?|associate|mid-level|mid|intermediate|senior|sr\.?|staff|principal|distinguished|fellow|lead|graduate|entry-level|head of|director of|vp of|chief)\b/i

/**
 * A level marker: a ladder code (IC3, L1, P6, M5, E7, T2, D1, TPM4, EM5, SE-2), a public-sector grade (GS-13,
 * G6, G7, SEO, HEO, EO, AO, SCS1, APS 6, EL1, PO6, IT-03, Band 4), or "Level N" / "Grade N" / "Level IV".
 */
export const LEVEL_CODE_SOURCE = String.raw`(?:(?:level|grade|band|tier|step)\s+(?:\d{1,2}|[ivx]{1,4})|GS-?\d{1,2}|APS\s?\d|EL\s?[12]|SCS\s?\d?|SEO|HEO|[A-Z]{1,4}-?\d{1,2}[A-Z]?)`

/** Roman numerals used as level suffixes ("Engineer II"). */
export const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$/i

/** Headings that name the document (a framework, a ladder, a list of roles), never a role. */
export const DOCUMENT_TITLE =
  /\b(?:career (?:development |progression )?framework|frameworks?|career path(?:way)?s?|ladders?|levels|roles|titles for|job descriptions|job families|handbook|matrix|progression|overview of|guide)\b|^(?:summary|overview|introduction|index|home|readme)$/i

/** Headings of sections of a role page that are not the role's name ("The Role", "Purpose of Job"). */
export const SECTION_TITLE =
  /^(?:the role|role|about (?:the|this) (?:role|job|position|opportunity)|about you|overview|introduction|summary|description|job description|role description|purpose(?: of (?:the )?(?:job|role|post))?|job purpose|person specification|personal specification|specification|vacancy.*|details|key facts|main duties.*|duties.*|responsibilities.*|key responsibilities.*|requirements.*|qualifications.*|skills.*|knowledge.*|experience.*|criteria.*|competenc.*|behaviours?.*|what you.*|who you.*|you will.*|you have.*|we.*re looking for.*|essential.*|desirable.*|education.*|notes?|legend|accountabilities|expectations|examples?|practical examples|red flags|anti-?patterns|should have|is expected to)$/i

/** What kind of statement a heading announces, by the words it ends or starts with. */
export const KIND_HEADINGS: readonly [RegExp, string][] = [
  [
    /\b(?:responsibilit(?:y|ies)|duties|accountabilit(?:y|ies)|what you(?:'|’)?ll do|what you will do|you will|in this role|day[- ]to[- ]day|expectations?|is expected to)\b/i,
    'responsibility',
  ],
  [
    /\b(?:requirements?|qualifications?|essential|desirable|nice to have|preferred|bonus|assets?|criteria|person(?:al)? specification|necessary qualities|what we(?:'|’)?re looking for|qualify|candidates who|what we are looking for|who you are|you have|should have|about you|experience|education|substitutions?)\b/i,
    'qualification',
  ],
  [/\bskills?\b/i, 'skill'],
  [/\bknowledge\b/i, 'knowledge'],
  [/\btasks?\b/i, 'task'],
  [/\b(?:competenc(?:y|ies)|behaviou?rs?)\b/i, 'competency'],
  [/^(?:(?:key |expected )?outcomes?|success looks like)$/i, 'outcome'],
]

/** Qualification strength named by a heading or label: kept as a tag. */
export const STRENGTH: readonly [RegExp, string][] = [
  [/\b(?:essential|required|minimum|must have|necessary)\b/i, 'essential'],
  [/\b(?:desirable|preferred|nice to have|bonus|assets?|additional|plus)\b/i, 'desirable'],
]

/** Section headings whose content is not role content, with the reason it is left out. */
export const BOILERPLATE_SECTIONS: readonly [RegExp, string][] = [
  [
    /\b(?:benefits?|perks|what we offer|we offer|why (?:work|join)|total rewards|rewards|compensation|salary|pay and benefits|working (?:here|at|for us|conditions)|what.{0,10}in it for you)\b/i,
    'benefits',
  ],
  [
    /\b(?:how to apply|to apply|apply(?: now| here| online| today)?$|applications?(?: process)?$|applying|closing date|next steps|ready to apply|submit)/i,
    'how to apply',
  ],
  [
    /\b(?:interview(?:s|ing)?(?: process)?|hiring process|recruitment process|selection process|what to expect|method of assessment|shortlisting)\b/i,
    'hiring process',
  ],
  [
    /\b(?:equal (?:employment )?opportunit(?:y|ies) (?:employer|statement)|eeo|diversity|inclusion|accommodations?|accessibility|disabilit(?:y|ies)|legal|privacy|disclaimer|conditions of employment|eligibility|security clearance|vaccination|visa|sponsorship|notice to|ada)\b/i,
    'equal opportunity and legal',
  ],
  [
    /^(?:about (?!you\b|me\b|the (?:role|job|position|opportunity|work)\b|this (?:role|job|position|opportunity)\b)(?:us|the company|the organi[sz]ation|the department|the agency|the team|[\p{L}][\p{L}&-]*)|who we are|join us|join our team|our (?:team|company|mission|values|story|culture)|department information|the team|company|organi[sz]ation)$/iu,
    'about the organisation',
  ],
  [/\b(?:contact(?: details| us| information)?|questions\?|get in touch|enquiries)\b/i, 'contact'],
  [
    /^(?:location|work location|locations|hours|working hours|work hours|job details|additional information|other information|important information|key facts|current status|job alerts?|sign up.*|details of the post)$/i,
    'job details',
  ],
  [
    /^(?:other pages|see also|related(?: roles| pages| links)?|further reading|references|resources|links|useful links|table of contents|contents|next up|navigation|share|job description templates|downloads?)$/i,
    'navigation',
  ],
]

/** Lines (items, paragraphs) that are not role content wherever they appear, with the reason. */
export const BOILERPLATE_LINES: readonly [RegExp, string][] = [
  [
    /(?:[$£€]\s?\d[\d,.]*(?:\s?[kK])?\b|\b\d[\d,.]* ?(?:USD|GBP|EUR|CAD)\b|\bsalary\b|\bper (?:annum|year|hour)\b|\bpay (?:range|scale|band)\b|\bcommensurate with experience\b)/i,
    'salary',
  ],
  [
    /\b(?:apply (?:now|online|anyway|here|by|today|through)\b|^how to apply|applications? (?:will|must|are|received|close)|closing date|late applications|reserve list|equal opportunit(?:y|ies) employer|do not discriminate|does not discriminate|reasonable accommodation|send (?:us )?your (?:cv|resume)|at-will|sponsored visas?|vaccinated|background check|view all jobs|sign up for|job alerts?)\b/i,
    'how to apply',
  ],
  [/^(?:method of assessment|shortlisting|assessment method|interview process|the interview|our hiring process)\b/i, 'hiring process'],
  [/\b(?:we welcome applications|applications (?:from|for)|priority will be given|candidates (?:must|should|will)|selection process)\b/i, 'how to apply'],
  [/\b(?:hybrid working|flexible working|work(?:ing)? from home|remote-first)\b/i, 'job details'],
  [/^(?:(?:flexible|remote|hybrid|on-?site|in-office)(?: location| working| work)?|location:.*|work location:.*)$/i, 'job details'],
  [/[\w.+-]+@[\w-]+\.[\w.]+/, 'contact'],
  [/^(?:download|watch|listen to|read (?:more|the)|find out more|learn more|see (?:the|all|our)|next up)\b/i, 'navigation'],
  [/\[[A-Z][^\]]{1,40}\]|\$0{2,}|\b(?:TODO|TBD|lorem ipsum|XX+)\b|^(?:nothing|none|n\/a|not applicable|tbc)\b.{0,40}$|^[-–—*•.]+$/i, 'template placeholder'],
]

/** Labels of "Key: value" lines that describe the job posting, not the work (kept as metadata, not components). */
export const METADATA_KEY =
  /^(?:post title|job title|working title|position(?: title| designation)?|role title|title|job (?:id|number|code|type|family|class|grade)|requisition.*|reference(?: number)?|grade|pay ?band|band|level|classification|group and level|salary.*|pay.*|location.*|office.*|hours.*|work(?:ing)? (?:hours|pattern|location|schedule)|schedule|contract(?: type)?|type|tenure|employment type|full[- ]time.*|part[- ]time.*|department|division|directorate|unit|team|organi[sz]ation(?:al group)?|agency|ministry|reports? to|responsible to|closing date|deadline|start date|posted|date posted|open(?:ing)? date|number of (?:posts|positions)|security clearance|career interest|category|language requirements?|flsa|bargaining unit|duration|term|status)$/i

/** Metadata labels whose value names the role (a vacancy form's "POST TITLE", a posting's "Job title"). */
export const TITLE_KEY = /^(?:post title|job title|working title|position(?: title| designation)?|role title|title)$/i

/** Metadata labels whose value is a grade or level. */
export const GRADE_KEY = /^(?:grade|pay ?band|band|level|classification|group and level|job grade)$/i

/** A heading or paragraph that says the levels build on each other, or a section shared by every level. */
export const SHARED_SECTION = /^(?:all levels|every level|each level|common(?: to all levels)?|shared|for all levels|across all levels|general expectations)$/i
