/**
 * Units read after a number ("5 km", "20°C"), as [singular, plural]. Symbols are matched case
 * sensitively and only right after a number, optionally after one space. Symbols that are also
 * common words or letters ("in", "s", "A", "K", "t") are left out on purpose: "5 in a row".
 *
 * A unit may carry a power ("cm²" "square centimeters", "m³" "cubic meters", "sq ft" "square
 * feet") and a denominator after a slash ("MB/s" "megabytes per second", "m/s²" "meters per
 * second squared"); the number decides the plural of the first unit only ("1 lb" "one pound").
 */
const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  km: ['kilometer', 'kilometers'],
  m: ['meter', 'meters'],
  cm: ['centimeter', 'centimeters'],
  mm: ['millimeter', 'millimeters'],
  mi: ['mile', 'miles'],
  ft: ['foot', 'feet'],
  yd: ['yard', 'yards'],
  kg: ['kilogram', 'kilograms'],
  g: ['gram', 'grams'],
  mg: ['milligram', 'milligrams'],
  lb: ['pound', 'pounds'],
  lbs: ['pound', 'pounds'],
  oz: ['ounce', 'ounces'],
  L: ['liter', 'liters'],
  ml: ['milliliter', 'milliliters'],
  mL: ['milliliter', 'milliliters'],
  mph: ['mile per hour', 'miles per hour'],
  'km/h': ['kilometer per hour', 'kilometers per hour'],
  kph: ['kilometer per hour', 'kilometers per hour'],
  'm/s': ['meter per second', 'meters per second'],
  '°C': ['degree Celsius', 'degrees Celsius'],
  '°F': ['degree Fahrenheit', 'degrees Fahrenheit'],
  '°': ['degree', 'degrees'],
  // The ordinal indicator, often typed for the degree sign.
  '\u00BAC': ['degree Celsius', 'degrees Celsius'],
  '\u00BAF': ['degree Fahrenheit', 'degrees Fahrenheit'],
  yr: ['year', 'years'],
  yrs: ['year', 'years'],
  wk: ['week', 'weeks'],
  wks: ['week', 'weeks'],
  KB: ['kilobyte', 'kilobytes'],
  kB: ['kilobyte', 'kilobytes'],
  MB: ['megabyte', 'megabytes'],
  GB: ['gigabyte', 'gigabytes'],
  TB: ['terabyte', 'terabytes'],
  Mb: ['megabit', 'megabits'],
  Gb: ['gigabit', 'gigabits'],
  kbps: ['kilobit per second', 'kilobits per second'],
  Mbps: ['megabit per second', 'megabits per second'],
  Gbps: ['gigabit per second', 'gigabits per second'],
  Hz: ['hertz', 'hertz'],
  kHz: ['kilohertz', 'kilohertz'],
  MHz: ['megahertz', 'megahertz'],
  GHz: ['gigahertz', 'gigahertz'],
  ns: ['nanosecond', 'nanoseconds'],
  'µs': ['microsecond', 'microseconds'],
  ms: ['millisecond', 'milliseconds'],
  sec: ['second', 'seconds'],
  secs: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  mins: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  hr: ['hour', 'hours'],
  hrs: ['hour', 'hours'],
  W: ['watt', 'watts'],
  kW: ['kilowatt', 'kilowatts'],
  kWh: ['kilowatt hour', 'kilowatt hours'],
  V: ['volt', 'volts'],
  mAh: ['milliamp hour', 'milliamp hours'],
  px: ['pixel', 'pixels'],
  mpg: ['mile per gallon', 'miles per gallon'],
  gal: ['gallon', 'gallons'],
  tsp: ['teaspoon', 'teaspoons'],
  tbsp: ['tablespoon', 'tablespoons'],
  qt: ['quart', 'quarts'],
  cc: ['cubic centimeter', 'cubic centimeters'],
  mA: ['milliamp', 'milliamps'],
  kPa: ['kilopascal', 'kilopascals'],
  psi: ['P S I', 'P S I'],
  dB: ['decibel', 'decibels'],
  Pa: ['pascal', 'pascals'],
  MPa: ['megapascal', 'megapascals'],
  GPa: ['gigapascal', 'gigapascals'],
  kJ: ['kilojoule', 'kilojoules'],
  kcal: ['kilocalorie', 'kilocalories'],
  cal: ['calorie', 'calories'],
  nm: ['nanometer', 'nanometers'],
  '\u00B5m': ['micrometer', 'micrometers'],
  '\u03BCm': ['micrometer', 'micrometers'],
  dL: ['deciliter', 'deciliters'],
  'fl oz': ['fluid ounce', 'fluid ounces'],
  mmHg: ['millimeter of mercury', 'millimeters of mercury'],
  bpm: ['beat per minute', 'beats per minute'],
  rpm: ['revolution per minute', 'revolutions per minute'],
  fps: ['frame per second', 'frames per second'],
  PB: ['petabyte', 'petabytes'],
  mW: ['milliwatt', 'milliwatts'],
  MW: ['megawatt', 'megawatts'],
  GW: ['gigawatt', 'gigawatts'],
  MWh: ['megawatt hour', 'megawatt hours'],
  GWh: ['gigawatt hour', 'gigawatt hours'],
  kV: ['kilovolt', 'kilovolts'],
  mV: ['millivolt', 'millivolts'],
  '\u2126': ['ohm', 'ohms'],
  '\u03A9': ['ohm', 'ohms'],
  'k\u2126': ['kilohm', 'kilohms'],
  'k\u03A9': ['kilohm', 'kilohms'],
};

/** Said only after a slash ("MB/s", "$20/mo"): too short or too common to read alone. */
const DENOMINATORS: Readonly<Record<string, string>> = {
  s: 'second',
  h: 'hour',
  hr: 'hour',
  hour: 'hour',
  minute: 'minute',
  sec: 'second',
  second: 'second',
  mile: 'mile',
  gallon: 'gallon',
  oz: 'ounce',
  min: 'minute',
  d: 'day',
  day: 'day',
  wk: 'week',
  week: 'week',
  mo: 'month',
  month: 'month',
  yr: 'year',
  year: 'year',
  night: 'night',
  person: 'person',
  unit: 'unit',
  kg: 'kilogram',
  g: 'gram',
  lb: 'pound',
  L: 'liter',
  gal: 'gallon',
  m: 'meter',
  km: 'kilometer',
  ft: 'foot',
  mi: 'mile',
  ms: 'millisecond',
};

function alternation(symbols: readonly string[]): string {
  return [...symbols]
    .sort((a, b) => b.length - a.length)
    .map((symbol) => symbol.replaceAll('/', '\\/'))
    .join('|');
}

const POWER = String.raw`(?:[\u00B2\u00B3]|\^[23])`;
const POWER_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  '\u00B2': ['square', 'squared'],
  '^2': ['square', 'squared'],
  '\u00B3': ['cubic', 'cubed'],
  '^3': ['cubic', 'cubed'],
};
const PREFIX_WORDS: Readonly<Record<string, string>> = { sq: 'square', cu: 'cubic' };

/** "/s", "/mo": a denominator, for money as well as units. */
export const PER_PATTERN = String.raw`\/(?:${alternation([...new Set([...Object.keys(DENOMINATORS), ...Object.keys(UNITS)])])})${POWER}?`;

/**
 * A unit as written after a number: an optional "sq"/"cu", a symbol (longest first, so that
 * "kWh" is not read as "kW"), an optional power and an optional denominator.
 */
export const UNIT_PATTERN = String.raw`(?:(?:sq|cu)\.? ?)?(?:${alternation(Object.keys(UNITS))})${POWER}?(?:${PER_PATTERN})?`;

const UNIT_PARTS = new RegExp(String.raw`^(?:(?<prefix>sq|cu)\.? ?)?(?<symbol>[^/\u00B2\u00B3^]+)(?<power>${POWER})?(?:\/(?<per>[^\u00B2\u00B3^]+)(?<perPower>${POWER})?)?$`);

/** " per second squared" for a written "/s²", or "" for none. */
export function perWords(per: string | undefined, power: string | undefined): string {
  if (per === undefined) return '';
  const word = DENOMINATORS[per] ?? (UNITS[per] as readonly [string, string] | undefined)?.[0] ?? per;
  return ` per ${word}${power === undefined ? '' : ` ${(POWER_WORDS[power] as readonly [string, string])[1]}`}`;
}

/** The words of a unit matched by {@link UNIT_PATTERN}, singular after "one". */
export function unitWords(unit: string, singular: boolean): string {
  const parts = UNIT_PARTS.exec(unit)?.groups ?? {};
  const names = UNITS[parts.symbol ?? ''] ?? UNITS[unit] ?? [unit, unit];
  const square = parts.prefix === undefined ? undefined : PREFIX_WORDS[parts.prefix];
  const power = parts.power === undefined ? square : (POWER_WORDS[parts.power] as readonly [string, string])[0];
  const name = singular ? names[0] : names[1];
  return (power === undefined ? name : `${power} ${name}`) + perWords(parts.per, parts.perPower);
}
