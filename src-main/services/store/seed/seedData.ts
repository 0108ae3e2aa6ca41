import shippedTaxonomyJson from '../../../../resources/taxonomy/taxonomy.json';
import type { Priority } from '../../../../src-shared/domain/incident';
import { parseTaxonomy, typeByCode, type Taxonomy } from '../../../../src-shared/domain/taxonomy';

/**
 * What the seeder draws from: Baghdad's places, people and phones, and the incident scenarios
 * (narratives, escalations, dispositions) checked against the shipped taxonomy at load. Data only;
 * `seedPlan.ts` decides what to create from it.
 */

// ---------------------------------------------------------------------------------------------
// Baghdad: places, people, phones

export interface Neighbourhood {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Relative share of calls (population, traffic). */
  readonly weight: number;
  /** On the Tigris: drownings happen here. */
  readonly riverside: boolean;
  /** Baghdad addresses are mahalla / zuqaq / dar; Sadr City uses sectors (قطاع). */
  readonly mahallas: readonly [number, number];
  readonly sectors?: boolean;
  readonly streets: readonly string[];
  readonly landmarks: readonly string[];
  readonly hospital: string;
}

export const SEED_NEIGHBOURHOODS: readonly Neighbourhood[] = [
  {
    name: 'الكرادة',
    lat: 33.304,
    lon: 44.424,
    weight: 3,
    riverside: true,
    mahallas: [901, 929],
    streets: ['شارع الكرادة داخل', 'شارع 62', 'شارع العطار', 'شارع أبي نؤاس'],
    landmarks: ['قرب ساحة كهرمانة', 'قرب ساحة الحرية', 'قرب كنيسة سيدة النجاة', 'مقابل مستشفى الراهبات'],
    hospital: 'مستشفى ابن النفيس',
  },
  {
    name: 'الجادرية',
    lat: 33.279,
    lon: 44.383,
    weight: 1.5,
    riverside: true,
    mahallas: [915, 923],
    streets: ['شارع الجادرية', 'طريق جسر الجادرية'],
    landmarks: ['قرب بوابة جامعة بغداد', 'قرب تقاطع الجادرية', 'قرب مجمع الجادرية السكني'],
    hospital: 'مستشفى ابن النفيس',
  },
  {
    name: 'المنصور',
    lat: 33.318,
    lon: 44.348,
    weight: 2.5,
    riverside: false,
    mahallas: [601, 615],
    streets: ['شارع 14 رمضان', 'شارع الأميرات', 'شارع المنصور الرئيسي', 'شارع الداودي'],
    landmarks: ['قرب مول المنصور', 'قرب ساحة الرواد', 'قرب نادي الصيد', 'قرب معرض بغداد الدولي'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'اليرموك',
    lat: 33.302,
    lon: 44.33,
    weight: 2,
    riverside: false,
    mahallas: [618, 624],
    streets: ['شارع اليرموك الرئيسي', 'شارع المستشفى'],
    landmarks: ['قرب مستشفى اليرموك', 'قرب تقاطع الأربع شوارع', 'قرب جامع اليرموك'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'الحارثية',
    lat: 33.322,
    lon: 44.362,
    weight: 1,
    riverside: false,
    mahallas: [213, 217],
    streets: ['شارع الكندي', 'شارع الزيتون'],
    landmarks: ['قرب متنزه الزوراء', 'قرب جامعة النهرين', 'قرب ساحة النسور'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'الأعظمية',
    lat: 33.37,
    lon: 44.362,
    weight: 2.5,
    riverside: true,
    mahallas: [312, 318],
    streets: ['شارع عمر بن عبد العزيز', 'شارع الإمام الأعظم', 'شارع المغرب'],
    landmarks: ['قرب جامع أبي حنيفة النعمان', 'قرب ساحة عنتر', 'قرب جسر الأئمة'],
    hospital: 'مستشفى النعمان التعليمي',
  },
  {
    name: 'الكاظمية',
    lat: 33.38,
    lon: 44.34,
    weight: 3,
    riverside: true,
    mahallas: [401, 431],
    streets: ['شارع باب المراد', 'شارع الإمام موسى الكاظم', 'شارع المحيط'],
    landmarks: ['قرب العتبة الكاظمية', 'قرب جسر الأئمة', 'قرب سوق الاسترابادي'],
    hospital: 'مستشفى الكاظمية التعليمي',
  },
  {
    name: 'مدينة الصدر',
    lat: 33.39,
    lon: 44.46,
    weight: 5,
    riverside: false,
    mahallas: [1, 79],
    sectors: true,
    streets: ['شارع الفلاح', 'شارع الداخل', 'شارع الجوادر', 'شارع الخمسين'],
    landmarks: ['قرب سوق مريدي', 'قرب ساحة 55', 'قرب مستشفى الإمام علي', 'قرب سوق الأولى'],
    hospital: 'مستشفى الإمام علي',
  },
  {
    name: 'زيونة',
    lat: 33.325,
    lon: 44.455,
    weight: 2,
    riverside: false,
    mahallas: [712, 722],
    streets: ['شارع الربيعي', 'شارع زيونة الرئيسي', 'شارع الخليج'],
    landmarks: ['قرب مول زيونة', 'قرب جامع زيونة', 'قرب نادي العلوية'],
    hospital: 'مستشفى الكندي',
  },
  {
    name: 'شارع فلسطين',
    lat: 33.35,
    lon: 44.44,
    weight: 2,
    riverside: false,
    mahallas: [506, 514],
    streets: ['شارع فلسطين', 'شارع المشجر'],
    landmarks: ['قرب الجامعة المستنصرية', 'قرب ملعب الشعب الدولي', 'قرب ساحة بيروت'],
    hospital: 'مستشفى الكندي',
  },
  {
    name: 'الباب الشرقي',
    lat: 33.33,
    lon: 44.415,
    weight: 2,
    riverside: true,
    mahallas: [102, 106],
    streets: ['شارع السعدون', 'شارع الرشيد', 'شارع الجمهورية'],
    landmarks: ['قرب ساحة التحرير', 'قرب نصب الحرية', 'قرب جسر الجمهورية', 'قرب ساحة الطيران'],
    hospital: 'مستشفى ابن النفيس',
  },
  {
    name: 'الشورجة',
    lat: 33.34,
    lon: 44.401,
    weight: 1.5,
    riverside: true,
    mahallas: [110, 114],
    streets: ['شارع الرشيد', 'شارع الجمهورية', 'شارع الخلفاء'],
    landmarks: ['داخل سوق الشورجة', 'قرب جامع مرجان', 'قرب سوق الغزل'],
    hospital: 'مدينة الطب',
  },
  {
    name: 'باب المعظم',
    lat: 33.352,
    lon: 44.387,
    weight: 1,
    riverside: true,
    mahallas: [120, 124],
    streets: ['شارع الرشيد', 'شارع الإمام الأعظم'],
    landmarks: ['قرب مدينة الطب', 'قرب وزارة الصحة', 'قرب كراج باب المعظم'],
    hospital: 'مدينة الطب',
  },
  {
    name: 'الدورة',
    lat: 33.252,
    lon: 44.395,
    weight: 3,
    riverside: true,
    mahallas: [822, 846],
    streets: ['شارع 60', 'طريق الدورة السريع', 'شارع المعالف'],
    landmarks: ['قرب مصفى الدورة', 'قرب سوق الدورة', 'قرب محطة كهرباء الدورة'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'العامرية',
    lat: 33.295,
    lon: 44.29,
    weight: 2,
    riverside: false,
    mahallas: [630, 642],
    streets: ['شارع العامرية الرئيسي', 'شارع المنظمة'],
    landmarks: ['قرب ملجأ العامرية', 'قرب سوق العامرية', 'قرب جامع أم الطبول'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'الغزالية',
    lat: 33.345,
    lon: 44.282,
    weight: 2,
    riverside: false,
    mahallas: [650, 662],
    streets: ['شارع الغزالية الرئيسي', 'شارع الشرطة'],
    landmarks: ['قرب سوق الغزالية', 'قرب محطة وقود الغزالية'],
    hospital: 'مستشفى الكاظمية التعليمي',
  },
  {
    name: 'الشعلة',
    lat: 33.395,
    lon: 44.305,
    weight: 2.5,
    riverside: false,
    mahallas: [440, 458],
    streets: ['شارع الشعلة الرئيسي', 'شارع السوق'],
    landmarks: ['قرب سوق الشعلة', 'قرب ساحة الشعلة'],
    hospital: 'مستشفى الكاظمية التعليمي',
  },
  {
    name: 'حي الشعب',
    lat: 33.41,
    lon: 44.415,
    weight: 2.5,
    riverside: false,
    mahallas: [322, 338],
    streets: ['شارع الشعب الرئيسي', 'طريق بغداد بعقوبة'],
    landmarks: ['قرب سوق الشعب', 'قرب ملعب الشعب'],
    hospital: 'مستشفى الإمام علي',
  },
  {
    name: 'بغداد الجديدة',
    lat: 33.315,
    lon: 44.495,
    weight: 2.5,
    riverside: false,
    mahallas: [701, 711],
    streets: ['شارع بغداد الجديدة الرئيسي', 'شارع المعامل'],
    landmarks: ['قرب سوق بغداد الجديدة', 'قرب ساحة النخيل', 'قرب جسر ديالى'],
    hospital: 'مستشفى الكندي',
  },
  {
    name: 'البياع',
    lat: 33.283,
    lon: 44.347,
    weight: 2,
    riverside: false,
    mahallas: [802, 814],
    streets: ['شارع البياع الرئيسي', 'شارع المطار'],
    landmarks: ['قرب سوق البياع', 'قرب ساحة البياع', 'قرب الكراج الموحد'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'السيدية',
    lat: 33.262,
    lon: 44.355,
    weight: 1.5,
    riverside: false,
    mahallas: [850, 860],
    streets: ['شارع السيدية الرئيسي', 'الطريق السريع'],
    landmarks: ['قرب سوق السيدية', 'قرب جامع السيدية'],
    hospital: 'مستشفى اليرموك التعليمي',
  },
  {
    name: 'الحرية',
    lat: 33.385,
    lon: 44.318,
    weight: 1.5,
    riverside: false,
    mahallas: [412, 424],
    streets: ['شارع الحرية الرئيسي', 'شارع الدولعي'],
    landmarks: ['قرب ساحة الدولعي', 'قرب سوق الحرية'],
    hospital: 'مستشفى الكاظمية التعليمي',
  },
  {
    name: 'المشتل',
    lat: 33.313,
    lon: 44.478,
    weight: 1.5,
    riverside: false,
    mahallas: [731, 737],
    streets: ['شارع المشتل', 'شارع القناة'],
    landmarks: ['قرب سوق المشتل', 'قرب جسر القناة'],
    hospital: 'مستشفى الكندي',
  },
  {
    name: 'حي أور',
    lat: 33.418,
    lon: 44.438,
    weight: 1,
    riverside: false,
    mahallas: [341, 347],
    streets: ['شارع أور الرئيسي'],
    landmarks: ['قرب سوق أور', 'قرب جامع أور'],
    hospital: 'مستشفى الإمام علي',
  },
  {
    name: 'العطيفية',
    lat: 33.365,
    lon: 44.355,
    weight: 1,
    riverside: true,
    mahallas: [402, 408],
    streets: ['شارع العطيفية', 'شارع الشط'],
    landmarks: ['قرب جامع براثا', 'قرب جسر الصرافية'],
    hospital: 'مستشفى الكاظمية التعليمي',
  },
];

export const COMMON_LANDMARKS = [
  'قرب الجامع',
  'مقابل المدرسة الابتدائية',
  'قرب مولدة الحي',
  'قرب الفرن',
  'قرب محطة الوقود',
  'مقابل الصيدلية',
  'قرب مركز الشرطة',
  'قرب المول',
];

export const HIGHWAYS = [
  'طريق محمد القاسم السريع',
  'طريق المطار',
  'طريق الدورة السريع',
  'طريق قناة الجيش',
  'جسر الجمهورية',
  'جسر الجادرية',
  'جسر السنك',
  'جسر الأئمة',
  'طريق بغداد بعقوبة',
];

export const BRIDGES = ['جسر الجمهورية', 'جسر الجادرية', 'جسر السنك', 'جسر الأحرار', 'جسر الأئمة', 'جسر الصرافية'];

export const VEHICLES = [
  'سيارة أجرة',
  'سيارة خصوصي',
  'سيارة سايبا',
  'شاحنة حمل',
  'باص كيا',
  'دراجة نارية',
  'ستوتة',
  'سيارة بيك آب',
  'سيارة لاندكروزر',
];

export const MALE_NAMES = [
  'علي',
  'حسين',
  'محمد',
  'أحمد',
  'حيدر',
  'مصطفى',
  'عباس',
  'كرار',
  'مرتضى',
  'عمر',
  'سجاد',
  'زيد',
  'ياسر',
  'قاسم',
  'جاسم',
  'مهدي',
  'حسن',
  'سيف',
  'أمير',
  'يوسف',
  'منتظر',
  'عبد الله',
];
export const FEMALE_NAMES = [
  'زينب',
  'فاطمة',
  'مريم',
  'نور',
  'هدى',
  'رقية',
  'سارة',
  'زهراء',
  'آمنة',
  'شيماء',
  'إسراء',
  'رسل',
  'بنين',
];
export const FAMILY_NAMES = [
  'الجبوري',
  'الدليمي',
  'العبيدي',
  'الساعدي',
  'التميمي',
  'الربيعي',
  'الخفاجي',
  'الزبيدي',
  'الشمري',
  'الكعبي',
  'العزاوي',
  'الموسوي',
  'الحسيني',
  'البياتي',
  'السامرائي',
  'الكبيسي',
  'الجنابي',
  'المالكي',
  'الفريجي',
  'اللامي',
];

// ---------------------------------------------------------------------------------------------
// What happens: incident types with their narratives, escalations and dispositions

/**
 * The taxonomy the console ships (`resources/taxonomy/taxonomy.json`), bundled at build time.
 * Seeded incidents use only its codes: each scenario is one of its types, is routed to exactly that
 * type's agencies, and closes with one of its dispositions, so the console can name and route every
 * seeded incident. A scenario that stops matching the taxonomy fails here, at load, with its name.
 */
const TAXONOMY: Taxonomy = (() => {
  const parsed = parseTaxonomy(shippedTaxonomyJson);
  if (!parsed.ok) {
    throw new Error(`the shipped taxonomy is invalid:\n${parsed.errors.map((error) => `  - ${error}`).join('\n')}`);
  }
  return parsed.value;
})();

/** A taxonomy category code (`security`, `traffic`, `fire`, `medical`, …). */
export type ScenarioCategory = string;

/** A taxonomy agency code. */
export type SeedAgency = string;

interface Disposition {
  /** A taxonomy disposition code. */
  readonly code: string;
  readonly weight: number;
  /** Closing narrative. */
  readonly note: string;
}

interface Escalation {
  /** Routed when the first units are on scene and find more than the call said; not one of the type's agencies. */
  readonly agency: SeedAgency;
  readonly chance: number;
  readonly note: string;
  /** The disposition that follows this escalation, when it decides the outcome. */
  readonly disposition?: Disposition;
}

export interface Scenario {
  /** The taxonomy type. */
  readonly code: string;
  /** The type's category, from the taxonomy. */
  readonly category: ScenarioCategory;
  readonly weight: number;
  /** Uniform pick; repeat a value to weight it. 1 is the most urgent. */
  readonly priorities: readonly Priority[];
  /** Routed when the incident is created: the type's agencies, from the taxonomy, in its order. */
  readonly agencies: readonly SeedAgency[];
  readonly escalations: readonly Escalation[];
  readonly opening: readonly string[];
  readonly scene: readonly string[];
  readonly dispositions: readonly Disposition[];
  readonly riversideOnly?: boolean;
  /** Weight multiplier by month (0 = January), for seasonal incidents. */
  readonly season?: (month: number) => number;
}

/** A scenario as written here; its category and agencies come from the taxonomy. */
type ScenarioSpec = Omit<Scenario, 'category' | 'agencies'>;

const summer = (high: number, low: number) => (month: number) => (month >= 5 && month <= 8 ? high : low);
/** Baghdad's rains: November to March. */
const rainy = (high: number, low: number) => (month: number) => (month >= 10 || month <= 2 ? high : low);

const MEDICAL_ESCALATIONS: readonly Escalation[] = [
  {
    agency: 'police-patrols',
    chance: 0.05,
    note: 'أهل المريض في حالة هياج، طلب دورية نجدة لتأمين فريق الإسعاف.',
  },
];

const MEDICAL_DISPOSITIONS: readonly Disposition[] = [
  { code: 'transported-to-hospital', weight: 7, note: 'تم نقل المريض إلى {hospital} وتسليمه إلى الطوارئ.' },
  { code: 'treated-on-scene', weight: 2, note: 'تمت معالجة الحالة في الموقع ولا حاجة للنقل.' },
  { code: 'refused-transport', weight: 1, note: 'المريض رفض النقل إلى المستشفى ووقع على إقرار بذلك.' },
];

const SCENARIOS: readonly ScenarioSpec[] = [
  {
    code: 'traffic-accident-injuries',
    weight: 14,
    priorities: [1, 2, 2],
    escalations: [
      {
        agency: 'forensics',
        chance: 0.1,
        note: 'تأكيد حالة وفاة في موقع الحادث، تم طلب فريق الأدلة الجنائية.',
        disposition: {
          code: 'report-filed',
          weight: 1,
          note: 'نقل الجثة إلى دائرة الطب العدلي وفتح محضر بالحادث في مركز الشرطة.',
        },
      },
    ],
    opening: [
      'المتصل يبلغ عن حادث تصادم بين {vehicle} و{vehicle2} في {street} {landmark}، يوجد {count} مصابين أحدهم ينزف بشدة.',
      'انقلاب {vehicle} على {highway}، السائق محصور داخل المركبة حسب المتصل.',
      'دهس شخص عمره {age} سنة من قبل {vehicle} في {street}، السائق ما زال في الموقع.',
      'حادث تصادم متعدد على {highway} قرب {nb}، ازدحام شديد ويوجد {count} مصابين.',
      'اصطدام {vehicle} بعمود كهرباء في {street} {landmark}، المتصل يقول إن السائق فاقد للوعي.',
    ],
    scene: [
      'وصلت مفرزة المرور إلى الموقع، تم تنظيم السير وفتح مسار واحد.',
      'فريق الإسعاف يباشر بإسعاف المصابين في الموقع.',
      'تم رفع المركبات المتضررة من الطريق بواسطة الساحبة.',
      'دورية النجدة تؤمن محيط الحادث وتمنع التجمهر.',
    ],
    dispositions: [
      { code: 'transported-to-hospital', weight: 6, note: 'تم نقل المصابين إلى {hospital}، والطريق سالك الآن.' },
      {
        code: 'treated-on-scene',
        weight: 3,
        note: 'إصابات طفيفة عولجت في الموقع، ورفض المصابون النقل إلى المستشفى.',
      },
    ],
  },
  {
    code: 'traffic-accident-no-injuries',
    weight: 8,
    priorities: [3, 3, 4],
    escalations: [
      {
        agency: 'police-patrols',
        chance: 0.1,
        note: 'مشادة كلامية بين السائقين تطورت إلى عراك، طلب دورية نجدة.',
      },
    ],
    opening: [
      'حادث اصطدام بسيط بين {vehicle} و{vehicle2} في {street} {landmark}، لا توجد إصابات والطريق مغلق جزئياً.',
      'المتصل يبلغ أن {vehicle} صدمت سيارته المتوقفة أمام داره في {nb} ولاذ السائق بالفرار، لا توجد إصابات.',
      'حادث في {highway} باتجاه {nb}، أضرار مادية فقط والسائقان يتجادلان.',
    ],
    scene: [
      'مفرزة المرور نظمت محضر الحادث وأخذت أقوال الطرفين.',
      'تم تصوير موقع الحادث ولوحات المركبات.',
      'تم إبعاد المركبات إلى جانب الطريق وعاد السير طبيعياً.',
    ],
    dispositions: [
      { code: 'resolved-on-scene', weight: 6, note: 'تم تنظيم محضر وتسوية الحادث بين الطرفين في الموقع.' },
      { code: 'referred-to-another-agency', weight: 2, note: 'إحالة الطرفين إلى محكمة المرور لتقدير الأضرار.' },
      { code: 'gone-on-arrival', weight: 1, note: 'لم تعثر المفرزة على الحادث عند الوصول، يبدو أن الطرفين غادرا.' },
    ],
  },
  {
    code: 'road-blocked',
    weight: 2,
    priorities: [3, 4],
    escalations: [
      {
        agency: 'civil-defence',
        chance: 0.2,
        note: 'العائق ثقيل ولا يمكن رفعه بالساحبة، طلب آليات الدفاع المدني.',
      },
    ],
    opening: [
      'سقوط حمولة شاحنة على {highway} قرب {nb}، الطريق مغلق بالكامل.',
      'سقوط لوحة إعلانية كبيرة على {street} {landmark} بعد العاصفة الترابية، الطريق مغلق.',
    ],
    scene: ['مفرزة المرور حولت السير إلى الطريق البديل.', 'تم إبلاغ أمانة بغداد لرفع المخلفات من الطريق.'],
    dispositions: [
      { code: 'resolved-on-scene', weight: 5, note: 'تم فتح الطريق وعودة حركة السير إلى طبيعتها.' },
      { code: 'referred-to-another-agency', weight: 2, note: 'إحالة الموضوع إلى أمانة بغداد لرفع المخلفات.' },
    ],
  },
  {
    code: 'vehicle-breakdown-highway',
    weight: 1.5,
    priorities: [3, 4],
    escalations: [],
    opening: [
      'عطل {vehicle} وسط {highway} يسبب ازدحاماً خانقاً باتجاه {nb}.',
      '{vehicle} عاطلة في المسار السريع على {highway} قرب {nb}، السائق يطلب المساعدة.',
    ],
    scene: ['مفرزة المرور حولت السير إلى الطريق البديل.', 'وصلت الساحبة لرفع المركبة العاطلة.'],
    dispositions: [{ code: 'resolved-on-scene', weight: 1, note: 'تم فتح الطريق وعودة حركة السير إلى طبيعتها.' }],
  },
  {
    code: 'flood',
    weight: 1,
    priorities: [2, 3],
    escalations: [
      {
        agency: 'traffic-police',
        chance: 0.4,
        note: 'المياه أغلقت الطريق بالكامل، طلب مفرزة مرور لتحويل السير.',
      },
    ],
    season: rainy(2, 0.2),
    opening: [
      'غرق نفق {street} بمياه الأمطار وتوقف عدد من السيارات داخله.',
      'مياه الأمطار تغمر {street} في {nb} وبدأت تدخل البيوت {landmark}.',
    ],
    scene: ['آليات الدفاع المدني تسحب المياه من النفق.', 'تم إخراج السيارات العالقة من الماء.'],
    dispositions: [
      { code: 'resolved-on-scene', weight: 5, note: 'تم سحب المياه وفتح الطريق أمام حركة السير.' },
      { code: 'referred-to-another-agency', weight: 2, note: 'إحالة الموضوع إلى أمانة بغداد لمعالجة تصريف المياه.' },
    ],
  },
  {
    code: 'building-fire',
    weight: 6,
    priorities: [1, 1, 2],
    escalations: [
      {
        agency: 'forensics',
        chance: 0.2,
        note: 'طلب فريق الأدلة الجنائية للكشف عن أسباب الحريق.',
      },
      {
        agency: 'electricity-emergency',
        chance: 0.15,
        note: 'طلب قطع التيار الكهربائي عن المنطقة لتأمين عمل فرق الإطفاء.',
      },
    ],
    opening: [
      'حريق في عمارة سكنية في {street} {landmark}، دخان كثيف يتصاعد من الطابق {floor}.',
      'اندلاع حريق في مخزن {goods} في {nb}، المتصل يقول إن النيران تمتد إلى المحلات المجاورة.',
      'حريق داخل شقة سكنية في {nb}، عائلة محاصرة في الطابق {floor} والمتصل يسمع صراخاً.',
      'نيران تخرج من مطعم في {street} {landmark}، يُعتقد أن السبب قنينة غاز.',
    ],
    scene: [
      'فرق الدفاع المدني تسيطر على الحريق وتمنع امتداده إلى المباني المجاورة.',
      'تم إخلاء {count} أشخاص من المبنى بسلم الإنقاذ.',
      'السبب الأولي للحريق تماس كهربائي.',
      'دورية النجدة تغلق الشارع أمام المارة لحين إطفاء الحريق.',
    ],
    dispositions: [
      { code: 'resolved-on-scene', weight: 7, note: 'تم إخماد الحريق بالكامل والأضرار مادية.' },
      {
        code: 'transported-to-hospital',
        weight: 2,
        note: 'تم إخماد الحريق ونقل {count} مصابين بحالات اختناق إلى {hospital}.',
      },
    ],
  },
  {
    code: 'electrical-fire',
    weight: 4,
    priorities: [1, 2, 2],
    escalations: [
      {
        agency: 'police-patrols',
        chance: 0.2,
        note: 'تجمهر الأهالي حول الحريق، طلب دورية نجدة لإبعادهم وتأمين المكان.',
      },
    ],
    opening: [
      'حريق في مولدة أهلية في {nb} {landmark}، خطر امتداد النيران إلى أسلاك الاشتراك.',
      'انفجار خزان وقود مولدة الحي في {street} واشتعال النيران.',
      'المتصل يبلغ عن دخان أسود كثيف من مولدة كبيرة قرب داره في {nb}.',
      'شرارة واحتراق في محولة الكهرباء {landmark} في {street}.',
    ],
    scene: [
      'فرق الدفاع المدني أخمدت النيران في المولدة وتقوم بالتبريد.',
      'صاحب المولدة قطع الاشتراكات عن المنازل.',
      'تم إبعاد براميل الوقود عن مكان الحريق.',
      'طوارئ الكهرباء قطعت التيار عن المغذي.',
    ],
    dispositions: [
      { code: 'resolved-on-scene', weight: 8, note: 'تم إخماد حريق المولدة ولا توجد إصابات.' },
      {
        code: 'referred-to-another-agency',
        weight: 1,
        note: 'إحالة صاحب المولدة إلى المجلس البلدي لمخالفة شروط السلامة.',
      },
    ],
  },
  {
    code: 'vehicle-fire',
    weight: 3,
    priorities: [2, 3],
    escalations: [],
    opening: [
      'احتراق {vehicle} على {highway}، السائق خرج منها سالماً.',
      'اشتعال النيران في {vehicle} متوقفة في {street} {landmark}.',
    ],
    scene: ['تم إخماد حريق المركبة وتبريدها.', 'مفرزة المرور تنظم السير حول المركبة المحترقة.'],
    dispositions: [{ code: 'resolved-on-scene', weight: 1, note: 'تم إخماد الحريق ورفع المركبة من الطريق.' }],
  },
  {
    code: 'unconscious',
    weight: 5,
    priorities: [1, 1, 2],
    escalations: MEDICAL_ESCALATIONS,
    opening: [
      'رجل مسن عمره {age} سنة فاقد للوعي في داره في {nb}، يعاني من أمراض القلب.',
      'مريض سكري في حالة غيبوبة، العائلة تطلب إسعافاً فورياً إلى {street}.',
    ],
    scene: [
      'تم وضع المريض على النقالة وإعطاؤه الأوكسجين.',
      'المسعف قاس مستوى السكر في الدم وأعطى المريض محلولاً وريدياً.',
      'المسعف يؤكد استقرار العلامات الحيوية.',
    ],
    dispositions: MEDICAL_DISPOSITIONS,
  },
  {
    code: 'breathing-difficulty',
    weight: 4,
    priorities: [1, 2, 2],
    escalations: MEDICAL_ESCALATIONS,
    opening: [
      'طفل يعاني من ضيق شديد في التنفس، الأم على الخط وتطلب الإسعاف.',
      'رجل مصاب بالربو يعاني من نوبة ضيق تنفس شديدة بعد العاصفة الترابية في {nb}.',
    ],
    scene: ['تم إعطاء المريض الأوكسجين وجلسة بخار.', 'المسعف يؤكد استقرار العلامات الحيوية.'],
    dispositions: MEDICAL_DISPOSITIONS,
  },
  {
    code: 'fall-injury',
    weight: 4,
    priorities: [1, 2, 2],
    escalations: MEDICAL_ESCALATIONS,
    opening: [
      'شخص سقط من سطح منزل في {nb}، إصابة في الرأس ونزيف.',
      'عامل بناء سقط من سقالة في {street} {landmark}، كسر في الساق حسب المتصل.',
    ],
    scene: [
      'تم تثبيت المصاب على النقالة وإعطاؤه الأوكسجين.',
      'تم تثبيت الساق المصابة بالجبيرة.',
      'المسعف يؤكد استقرار العلامات الحيوية.',
    ],
    dispositions: MEDICAL_DISPOSITIONS,
  },
  {
    code: 'childbirth',
    weight: 3,
    priorities: [1, 2, 2],
    escalations: [],
    opening: [
      'امرأة حامل في حالة مخاض في {nb} {landmark}، تحتاج نقلاً إلى {hospital}.',
      'المتصل يقول إن زوجته بدأت الولادة في الدار في {nb} ولا توجد سيارة لنقلها.',
    ],
    scene: ['المسعفة تتابع حالة الأم، والعلامات الحيوية مستقرة.', 'تم تجهيز الأم للنقل على النقالة.'],
    dispositions: [
      { code: 'transported-to-hospital', weight: 8, note: 'تم نقل الأم إلى {hospital} وتسليمها إلى ردهة الولادة.' },
      {
        code: 'treated-on-scene',
        weight: 1,
        note: 'تمت الولادة في الدار بمساعدة المسعفة، والأم والمولود بحالة مستقرة.',
      },
    ],
  },
  {
    code: 'heat-stroke',
    weight: 4,
    priorities: [2],
    escalations: [],
    season: summer(4, 0.1),
    opening: [
      'عامل سقط في الشارع بسبب ضربة شمس في {street} {landmark}، درجة الحرارة فوق الخمسين.',
      'رجل مسن يعاني من إجهاد حراري بعد انقطاع الكهرباء عن داره في {nb}.',
      'بائع متجول فاقد للوعي تحت الشمس {landmark} في {nb}.',
    ],
    scene: ['تم تبريد المصاب وإعطاؤه السوائل الوريدية.', 'المصاب استعاد وعيه جزئياً.'],
    dispositions: [
      { code: 'transported-to-hospital', weight: 3, note: 'نقل المصاب إلى {hospital} لاستكمال العلاج.' },
      { code: 'treated-on-scene', weight: 2, note: 'تحسنت حالة المصاب بعد الإسعافات الأولية.' },
    ],
  },
  {
    code: 'electrocution',
    weight: 2,
    priorities: [1],
    escalations: [],
    opening: [
      'صعق كهربائي لشاب أثناء تصليح أسلاك المولدة في {nb} {landmark}.',
      'طفل تعرض لصعقة كهربائية من سلك مكشوف في {street}.',
    ],
    scene: ['طوارئ الكهرباء قطعت التيار عن الخط.', 'فريق الإسعاف يجري الإنعاش للمصاب.'],
    dispositions: [
      { code: 'transported-to-hospital', weight: 4, note: 'تم نقل المصاب إلى {hospital}.' },
      { code: 'report-filed', weight: 1, note: 'فارق المصاب الحياة قبل وصول الإسعاف، تم إبلاغ مركز الشرطة.' },
    ],
  },
  {
    code: 'drowning',
    weight: 1,
    priorities: [1],
    escalations: [],
    riversideOnly: true,
    season: summer(3, 0.3),
    opening: [
      'غرق شاب في نهر دجلة {landmark} في {nb}، الأهالي يبحثون عنه.',
      'طفل جرفه التيار أثناء السباحة في دجلة قرب {nb}.',
    ],
    scene: ['زوارق شرطة الأنهار تمشط المنطقة.', 'فريق الغواصين من الدفاع المدني باشر البحث.'],
    dispositions: [
      { code: 'transported-to-hospital', weight: 3, note: 'تم إنقاذ الغريق ونقله إلى {hospital}.' },
      { code: 'referred-to-another-agency', weight: 1, note: 'تم انتشال جثة الغريق وتسليمها إلى الطب العدلي.' },
    ],
  },
  {
    code: 'tribal-armed-dispute',
    weight: 3,
    priorities: [1],
    escalations: [{ agency: 'forensics', chance: 0.2, note: 'طلب الأدلة الجنائية لرفع الأظرفة الفارغة.' }],
    opening: [
      'نزاع عشائري مع إطلاق نار كثيف في {nb} {landmark}.',
      'نزاع مسلح بين عائلتين من عشيرتين مختلفتين في {street}، المتصل يسمع إطلاق نار.',
    ],
    scene: [
      'قوة من شرطة النجدة طوقت المنطقة وفرضت حظراً للتجوال في الشارع.',
      'تم احتجاز عدد من المشتبه بهم وضبط أسلحة.',
      'وجهاء المنطقة يتدخلون للتهدئة.',
      'فريق الإسعاف يسعف مصاباً بطلق ناري في الموقع.',
    ],
    dispositions: [
      { code: 'arrest-made', weight: 3, note: 'إلقاء القبض على المتورطين وإحالتهم إلى مركز الشرطة.' },
      { code: 'resolved-on-scene', weight: 2, note: 'تمت التهدئة بتدخل وجهاء المنطقة وأخذ التعهدات.' },
    ],
  },
  {
    code: 'celebratory-gunfire',
    weight: 3,
    priorities: [2],
    escalations: [{ agency: 'ambulance', chance: 0.1, note: 'إصابة امرأة بطلق طائش، طلب الإسعاف.' }],
    opening: [
      'إطلاق نار عشوائي في {nb} بسبب {occasion}.',
      'المتصل يبلغ عن إطلاق نار في الهواء {landmark} في {nb} احتفالاً بـ{occasion}.',
    ],
    scene: ['الدورية وصلت وتوقف إطلاق النار.', 'تم تحديد الدار التي انطلق منها إطلاق النار.'],
    dispositions: [
      { code: 'arrest-made', weight: 2, note: 'تم القبض على مطلق النار وضبط السلاح.' },
      { code: 'resolved-on-scene', weight: 2, note: 'توقف إطلاق النار وأُخذ تعهد من صاحب الحفل.' },
    ],
  },
  {
    code: 'theft',
    weight: 3,
    priorities: [3],
    escalations: [{ agency: 'forensics', chance: 0.2, note: 'طلب الأدلة الجنائية لرفع البصمات من موقع السرقة.' }],
    opening: [
      'سرقة {vehicle} من أمام دار المتصل في {nb} قبل قليل.',
      'سرقة هاتف وحقيبة امرأة من قبل شخصين على دراجة نارية في {street} {landmark}.',
    ],
    scene: [
      'المفرزة عاينت الموقع ودونت أقوال المشتكي.',
      'تم طلب تسجيلات كاميرات المحلات المجاورة.',
      'تعميم أوصاف المشتبه به على السيطرات القريبة.',
    ],
    dispositions: [
      { code: 'report-filed', weight: 5, note: 'تم تسجيل إخبار في مركز الشرطة وإحالته إلى التحقيق.' },
      { code: 'arrest-made', weight: 1, note: 'تم القبض على المشتبه به واسترجاع المسروقات.' },
    ],
  },
  {
    code: 'burglary',
    weight: 3,
    priorities: [2, 3],
    escalations: [],
    opening: [
      'سرقة {item} من دار في {nb}، أصحاب الدار كانوا خارج المنزل.',
      'المتصل يبلغ عن سرقة محل لبيع {goods} في {street} {landmark}.',
    ],
    scene: [
      'المفرزة عاينت الموقع ودونت أقوال صاحب الدار.',
      'فريق الأدلة الجنائية رفع البصمات من موقع السرقة.',
      'تم طلب تسجيلات كاميرات المحلات المجاورة.',
    ],
    dispositions: [
      { code: 'report-filed', weight: 5, note: 'تم تسجيل إخبار في مركز الشرطة وإحالته إلى التحقيق.' },
      { code: 'arrest-made', weight: 1, note: 'تم القبض على المشتبه به واسترجاع المسروقات.' },
    ],
  },
  {
    code: 'assault',
    weight: 5,
    priorities: [2],
    escalations: [{ agency: 'ambulance', chance: 0.3, note: 'وجود مصاب بجرح طعني، طلب الإسعاف.' }],
    opening: [
      'مشاجرة بين مجموعة شباب {landmark} في {nb}، استخدام آلات جارحة.',
      'اعتداء على صاحب محل في {street} من قبل {count} أشخاص.',
      'عراك داخل مقهى في {nb} وتكسير المحتويات.',
    ],
    scene: ['الدورية فضت المشاجرة.', 'تم احتجاز الأطراف لحين التحقيق.'],
    dispositions: [
      { code: 'arrest-made', weight: 3, note: 'إحالة المتورطين إلى مركز الشرطة.' },
      { code: 'resolved-on-scene', weight: 2, note: 'تم الصلح بين الأطراف في الموقع.' },
    ],
  },
  {
    code: 'suspicious-object',
    weight: 1.5,
    priorities: [1],
    escalations: [],
    opening: [
      'حقيبة متروكة {landmark} في {nb}، المتصل يشك بأنها عبوة ناسفة.',
      'جسم مشبوه تحت {vehicle} متوقفة في {street}.',
    ],
    scene: ['الدورية أخلت المنطقة بقطر مئة متر.', 'فريق مكافحة المتفجرات يفحص الجسم بالروبوت.'],
    dispositions: [
      { code: 'false-alarm', weight: 8, note: 'تبين أن الحقيبة تحتوي على ملابس، إنذار كاذب.' },
      { code: 'resolved-on-scene', weight: 1, note: 'تم تفكيك العبوة من قبل فريق مكافحة المتفجرات.' },
    ],
  },
  {
    code: 'domestic-violence',
    weight: 3,
    priorities: [2],
    escalations: [{ agency: 'ambulance', chance: 0.2, note: 'الضحية مصابة بكدمات، طلب الإسعاف.' }],
    opening: [
      'المتصلة تبلغ عن تعرضها للضرب من زوجها في {nb}، وتطلب الحماية.',
      'الجيران يسمعون صراخ أطفال واستغاثة من دار في {street}.',
    ],
    scene: ['مفرزة حماية الأسرة وصلت وأخذت أقوال المتصلة.', 'تم نقل الأطفال إلى دار أحد الأقارب.'],
    dispositions: [
      { code: 'referred-to-another-agency', weight: 3, note: 'إحالة القضية إلى مديرية حماية الأسرة والطفل.' },
      { code: 'resolved-on-scene', weight: 1, note: 'أُخذ تعهد من الزوج بعدم التعرض.' },
    ],
  },
  {
    code: 'psychological-crisis',
    weight: 3,
    priorities: [2, 3],
    escalations: [
      { agency: 'community-police', chance: 0.3, note: 'طلب زيارة من الشرطة المجتمعية للاطمئنان على المتصل.' },
    ],
    opening: [
      'المتصلة تعاني من نوبة هلع شديدة وتطلب المساعدة، تسكن في {nb}.',
      'شاب يمر بأزمة نفسية بعد فقدان عمله، يتحدث عن اليأس.',
      'أم تبلغ أن ابنها المراهق منعزل ويرفض الطعام منذ أيام.',
    ],
    scene: ['المرشد النفسي تحدث مع المتصل لمدة عشرين دقيقة.', 'تم تزويد العائلة بأرقام مراكز الصحة النفسية.'],
    dispositions: [
      { code: 'resolved-on-scene', weight: 5, note: 'استقرت حالة المتصل بعد جلسة الدعم الهاتفي.' },
      {
        code: 'referred-to-another-agency',
        weight: 3,
        note: 'إحالة الحالة إلى مركز الصحة النفسية في {hospital}.',
      },
    ],
  },
  {
    code: 'suicide-risk',
    weight: 1.5,
    priorities: [1],
    escalations: [],
    opening: [
      'شخص يهدد بإلقاء نفسه من {bridge}، المارة يحاولون التحدث إليه.',
      'المتصل يقول إن شقيقه أغلق الغرفة على نفسه ويهدد بالانتحار في {nb}.',
    ],
    scene: ['المفاوض من الدعم النفسي يتحدث مع الشخص.', 'الدورية تمنع التجمهر وتغلق الطريق.'],
    dispositions: [
      { code: 'referred-to-another-agency', weight: 4, note: 'الشخص بأمان وأحيل إلى المتابعة النفسية.' },
      { code: 'transported-to-hospital', weight: 1, note: 'نقل الشخص إلى {hospital} للتقييم الطبي.' },
    ],
  },
  {
    code: 'missing-child',
    weight: 1,
    priorities: [2],
    escalations: [],
    opening: [
      'فقدان طفل عمره {childAge} سنوات في سوق {nb}، الأم تبحث عنه منذ ساعة.',
      'طفلة عمرها {childAge} سنوات لم تعد من المدرسة {landmark} في {nb}.',
    ],
    scene: ['تعميم أوصاف الطفل على السيطرات والدوريات.', 'مراجعة كاميرات المراقبة بالتنسيق مع مركز المراقبة.'],
    dispositions: [
      { code: 'resolved-on-scene', weight: 8, note: 'تم العثور على الطفل وتسليمه إلى ذويه.' },
      { code: 'report-filed', weight: 1, note: 'تسجيل إخبار بفقدان الطفل ومتابعة البحث.' },
    ],
  },
  {
    code: 'electricity-hazard',
    weight: 2,
    priorities: [2],
    escalations: [],
    opening: [
      'سقوط سلك كهربائي ضغط عالٍ على الشارع في {nb} بعد العاصفة الترابية.',
      'سلك كهربائي مقطوع يتدلى فوق الرصيف {landmark} في {street}، والأطفال يلعبون قربه.',
    ],
    scene: ['طوارئ الكهرباء قطعت التيار عن المغذي.', 'الدفاع المدني طوق المنطقة.'],
    dispositions: [{ code: 'resolved-on-scene', weight: 1, note: 'تم إصلاح الخط وإعادة التيار الكهربائي.' }],
  },
];

export const OCCASIONS = ['حفل زفاف', 'فوز المنتخب الوطني', 'عودة حاج', 'تخرج أحد الأبناء'];
export const ITEMS = ['مصوغات ذهبية', 'مبلغ نقدي', 'أجهزة كهربائية', 'مولدة منزلية', 'بطاريات الطاقة الشمسية'];
export const GOODS = ['المواد الغذائية', 'الأقمشة', 'الأجهزة الكهربائية', 'المواد البلاستيكية', 'الإطارات'];

export const EARLY_CANCEL: Disposition = {
  code: 'cancelled-by-caller',
  weight: 1,
  note: 'اتصل المبلغ مجدداً وأفاد بأن الحالة انتهت ولا حاجة لإرسال مفرزة.',
};

/**
 * Gives each scenario its type's category and agencies from the taxonomy, and checks the rest
 * against it: an active type, escalations to existing agencies the type is not already routed to,
 * and taxonomy dispositions only.
 */
function resolveScenarios(taxonomy: Taxonomy, specs: readonly ScenarioSpec[]): Scenario[] {
  const agencyCodes = new Set(taxonomy.agencies.map((agency) => agency.code));
  const dispositionCodes = new Set(taxonomy.dispositions.map((disposition) => disposition.code));
  const problems: string[] = [];
  const checkDisposition = (where: string, disposition: Disposition): void => {
    if (!dispositionCodes.has(disposition.code)) problems.push(`${where}: unknown disposition "${disposition.code}"`);
  };
  checkDisposition('early cancellation', EARLY_CANCEL);
  const scenarios = specs.flatMap((spec): Scenario[] => {
    const type = typeByCode(taxonomy, spec.code);
    if (type === undefined || type.deprecated === true) {
      problems.push(`${spec.code}: ${type === undefined ? 'unknown' : 'deprecated'} incident type`);
      return [];
    }
    for (const escalation of spec.escalations) {
      if (!agencyCodes.has(escalation.agency)) {
        problems.push(`${spec.code}: escalation to unknown agency "${escalation.agency}"`);
      } else if (type.agencies.includes(escalation.agency)) {
        problems.push(`${spec.code}: escalation to "${escalation.agency}", which the type is already routed to`);
      }
      if (escalation.disposition) checkDisposition(spec.code, escalation.disposition);
    }
    for (const disposition of spec.dispositions) checkDisposition(spec.code, disposition);
    return [{ ...spec, category: type.category, agencies: [...type.agencies] }];
  });
  if (problems.length > 0) {
    throw new Error(
      `the seed scenarios do not match the shipped taxonomy:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  return scenarios;
}

export const SEED_SCENARIOS: readonly Scenario[] = resolveScenarios(TAXONOMY, SCENARIOS);

/**
 * Agencies the seeder routes to (at creation or by escalation), in taxonomy order, with the short
 * Arabic names the taxonomy gives them.
 */
export const SEED_AGENCIES: Readonly<Record<SeedAgency, string>> = (() => {
  const routed = new Set(
    SEED_SCENARIOS.flatMap((scenario) => [
      ...scenario.agencies,
      ...scenario.escalations.map((escalation) => escalation.agency),
    ]),
  );
  return Object.fromEntries(
    TAXONOMY.agencies.filter((agency) => routed.has(agency.code)).map((agency) => [agency.code, agency.shortName.ar]),
  );
})();

/** Narrative a dispatcher adds while an incident runs (used to reach a fixed number of notes). */
export const UPDATE_NOTES = [
  'المتصل يعاود الاتصال ويستفسر عن موعد وصول المفرزة.',
  'تم التواصل مع {agency} لتأكيد استلام البلاغ.',
  'تحديث من الموقع: الوضع تحت السيطرة.',
  'ضابط الخفر يطلب تحديثاً عن الحالة.',
  'تم إبلاغ مشرف الوردية بتفاصيل البلاغ.',
  'المفرزة تواجه زحاماً في {street}، الوصول المتوقع خلال {minutes} دقائق.',
  'تم تزويد المفرزة برقم هاتف المتصل للتنسيق المباشر.',
  'أحد الجيران اتصل وأكد المعلومات نفسها.',
  'تم توثيق أقوال الشهود من قبل المفرزة.',
  'مراجعة كاميرات {landmark} بالتنسيق مع مركز المراقبة.',
  'المتصل أرسل موقعه عبر الهاتف، الموقع مطابق للعنوان.',
  'الاتصال بالمتصل مرة ثانية لتأكيد العنوان {landmark}.',
];

export const PRIORITY_REASONS = ['ازدياد عدد المصابين حسب اتصال ثانٍ', 'وجود أطفال في الموقع', 'تدهور حالة المصاب'];
