/** Defaults shared by the library, the sink and the load command. */
export const DEFAULT_DATABASE_URL = 'sqlite:output/quarry.db';
/** Records per transaction: large enough that commits cost little, small enough that a retry after a failure is cheap. */
export const DEFAULT_BATCH_SIZE = 500;
