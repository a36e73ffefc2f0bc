/** The charts' colours: the brand blue and red first, then distinct hues that print well in grey. */
export const PALETTE = ['#1d4f91', '#b3261e', '#2e7d32', '#a15c00', '#6a1b9a', '#00838f', '#5d4037', '#455a64', '#c2185b', '#7cb342'];
