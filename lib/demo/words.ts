/**
 * Word lists the demo names are built from. Band-style names always combine two words or invent
 * one from syllables, which keeps the catalog clear of real artists' names; titles are ordinary
 * phrases. A few names carry accents so name normalisation meets them in the demo too.
 */

export const ADJECTIVES = [
  "Amber", "Ashen", "Brittle", "Bright", "Broken", "Cobalt", "Copper", "Crooked", "Crystal", "Distant",
  "Drowsy", "Dusty", "Electric", "Empty", "Endless", "Faded", "Feral", "Fleeting", "Gentle", "Gilded",
  "Golden", "Hollow", "Honest", "Hungry", "Idle", "Indigo", "Jaded", "Kind", "Lazy", "Little",
  "Lonely", "Lucid", "Lunar", "Marble", "Mellow", "Midnight", "Mild", "Misty", "Modern", "Neon",
  "Nervous", "Northern", "Paper", "Pale", "Patient", "Quiet", "Restless", "Rusty", "Salty", "Secret",
  "Silent", "Silver", "Sleepy", "Slow", "Solar", "Static", "Strange", "Sudden", "Sugar", "Tender",
  "Tidal", "Tiny", "Velvet", "Violet", "Wandering", "Warm", "Wild", "Winter", "Wired", "Wooden",
] as const;

export const NOUNS = [
  "Anchor", "Atlas", "Avenue", "Balcony", "Beacon", "Blossom", "Canyon", "Carousel", "Cathedral", "Circuit",
  "Comet", "Compass", "Coral", "Daydream", "Delta", "Echo", "Ember", "Engine", "Feather", "Ferry",
  "Fever", "Garden", "Glacier", "Harbor", "Heartbeat", "Highway", "Horizon", "Island", "Ivory", "Jungle",
  "Kingdom", "Lantern", "Lighthouse", "Machine", "Meadow", "Mirror", "Monsoon", "Motel", "Mountain", "Neighbour",
  "Ocean", "Orchard", "Paradise", "Parade", "Pilot", "Planet", "Postcard", "Prism", "Radio", "Railway",
  "Rainfall", "Ribbon", "River", "Rooftop", "Satellite", "Season", "Shadow", "Signal", "Skyline", "Spark",
  "Stairway", "Station", "Storm", "Summer", "Sunday", "Telephone", "Thunder", "Tide", "Tunnel", "Valley",
  "Voltage", "Voyage", "Weather", "Window", "Wire", "Wonder",
] as const;

export const PLURAL_NOUNS = [
  "Anchors", "Antlers", "Arrows", "Bells", "Bicycles", "Birds", "Blossoms", "Canyons", "Cassettes", "Clouds",
  "Comets", "Coyotes", "Crowns", "Daydreams", "Dolphins", "Embers", "Engines", "Feathers", "Fireflies", "Foxes",
  "Gardens", "Ghosts", "Giants", "Harbors", "Hearts", "Horses", "Islands", "Kites", "Lanterns", "Machines",
  "Magnets", "Mirrors", "Moths", "Oceans", "Orchards", "Owls", "Pilots", "Planets", "Postcards", "Prisms",
  "Rabbits", "Radios", "Ravens", "Ribbons", "Rivers", "Rockets", "Sailors", "Satellites", "Shadows", "Signals",
  "Sparrows", "Stations", "Strangers", "Telescopes", "Tigers", "Tunnels", "Violets", "Voyagers", "Wolves", "Wonders",
] as const;

export const VERBS = [
  "Carry", "Chase", "Call", "Dance", "Drive", "Fall", "Find", "Follow", "Forget", "Hold",
  "Keep", "Leave", "Light", "Meet", "Move", "Remember", "Run", "Save", "Shake", "Stay",
  "Take", "Touch", "Turn", "Wait", "Wake",
] as const;

export const FIRST_NAMES = [
  "Ada", "Alba", "Amara", "Anouk", "Arlo", "Ben", "Cass", "Cleo", "Dario", "Della",
  "Eli", "Elio", "Esme", "Ezra", "Fenna", "Finn", "Gus", "Hana", "Ida", "Inès",
  "Iris", "Jonah", "Juno", "Kai", "Kit", "Lena", "Levi", "Lior", "Lou", "Mae",
  "Mara", "Milo", "Mina", "Nico", "Nell", "Noor", "Odile", "Otis", "Pia", "Rafa",
  "Remi", "Rosa", "Rue", "Sami", "Soren", "Søren", "Tali", "Teo", "Thea", "Una",
  "Vera", "Wren", "Yara", "Zoë", "Zeno", "Marlon", "Delphine", "Cosimo", "Birdie", "Augustin",
] as const;

/** Syllables for invented surnames and one-word project names. */
export const SYLLABLES = [
  "ka", "lo", "mi", "ren", "sa", "tor", "vel", "dra", "fen", "ga",
  "hol", "is", "jo", "ku", "lan", "mar", "nes", "ori", "pel", "quin",
  "ras", "sel", "tam", "ul", "vin", "wen", "yor", "zel", "bri", "cor",
  "del", "eth", "fal", "gri", "hav", "ira", "jun", "kes", "lir", "mos",
  "nor", "osk", "pra", "rud", "sun", "tev", "ulm", "var", "bel", "dov",
] as const;

export const SURNAME_ENDINGS = ["son", "holm", "wood", "ley", "ford", "stead", "well", "man", "berg", "ard", "ini", "ez", "ova", "sky"] as const;

export const PLACES = [
  "the Lantern Room", "the Harbor Hall", "the Old Theatre", "Riverside", "the Glasshouse", "the Velvet Lounge",
  "the Palm Court", "Northgate", "the Winter Garden", "the Roundhouse Yard",
] as const;

export const NUMBER_WORDS = ["Two", "Three", "Four", "Five", "Seven", "Nine", "Twelve", "Hundred", "Thousand"] as const;

export const TIME_WORDS = ["Tonight", "Tomorrow", "Forever", "Again", "Slowly", "Somewhere", "Nowhere", "Alone", "Together", "Home"] as const;

export const PODCAST_TOPICS = [
  "Sleep", "Cities", "Money", "Memory", "Bread", "Maps", "Weather", "Language", "Bicycles", "Insects",
  "Color", "Silence", "Sport", "Machines", "Gardens", "Coffee", "Trains", "Time", "Stars", "Music",
] as const;
