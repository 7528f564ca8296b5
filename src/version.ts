import packageJson from '../package.json' with { type: 'json' };

/** The gateway's version, as published: part of its User-Agent. */
export const VERSION: string = packageJson.version;
