/** Realistic values for generated messages: names that need escaping, codes from real code systems. */
export const FAMILY_NAMES = ["O'Brien", 'Smith', 'Nguyen', 'García', 'Müller', "D'Angelo", 'Smith-Jones', 'Johnson & Johnson', 'Van der Berg', 'Kowalski', 'Okafor', 'Tanaka', 'MacDonald', 'Øster', 'Le Blanc'];
export const GIVEN_NAMES = ['John', 'Mary', 'Aoife', 'José', 'Zoë', 'Wei', 'Fatima', 'Liam', 'Olga', 'Chidi', 'Anne-Marie', 'Björn', 'Priya', 'Noah', 'Emma'];
export const MIDDLE = ['A', 'B', 'Q', 'Lee', '', '', ''];
export const STREETS = ['123 Main St', '1 Hospital Lane', '77 Rue de la Paix', '4 Baker & Sons Yard', 'Apt 5^B 9 Elm St', '10 Downing St', '500 Market St|Ste 2'];
export const CITIES: [string, string, string][] = [
  ['Ann Arbor', 'MI', '48104'],
  ['Boston', 'MA', '02115'],
  ['Houston', 'TX', '77030'],
  ['Madison', 'WI', '53703'],
  ['Seattle', 'WA', '98101'],
];
export const TIMEZONES = ['-0500', '-0400', '+0000', '+0100', '+0215', '+0530', '-0800', '+1000'];
export const ALLERGENS: [string, string, string][] = [
  ['227493005', 'Cashew nuts', 'SCT'],
  ['91936005', 'Penicillin', 'SCT'],
  ['300916003', 'Latex', 'SCT'],
  ['1191', 'Aspirin', 'RXNORM'],
];
export const NM_TESTS: [string, string, string, number, number][] = [
  ['718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', 12, 17],
  ['2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'mg/dL', 70, 140],
  ['2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'mmol/L', 135, 145],
  ['8867-4', 'Heart rate', '/min', 55, 110],
  ['29463-7', 'Body weight', 'kg', 3, 120],
  ['8310-5', 'Body temperature', 'Cel', 36, 40],
];
export const CWE_RESULTS: [string, string, string][] = [
  ['260373001', 'Detected', 'SCT'],
  ['260415000', 'Not detected', 'SCT'],
  ['10828004', 'Positive', 'SCT'],
  ['27268008', 'Salmonella', 'SCT'],
];
export const ST_NOTES = ['Specimen slightly hemolyzed', 'Result verified\\.br\\by second tech', 'Called to Dr. Smith & team', 'See note: ratio 1:2', 'Repeat in 2 weeks ~ if elevated'];
