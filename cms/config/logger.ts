import { formats, winston } from '@strapi/logger';

/** Console logging at LOG_LEVEL (default `http`: one line a request); tests set `warn`. */
const level = process.env.LOG_LEVEL ?? 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(formats.levelFilter(level), formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
};
