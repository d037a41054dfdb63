/**
 * The HTML and table reports show at most this many findings per control (the first ones, in
 * report order) and say how many more the JSON report lists: a page or a terminal of 300,000
 * findings helps no one. Counts per control stay exact.
 */
export const FINDINGS_SHOWN = 50;
