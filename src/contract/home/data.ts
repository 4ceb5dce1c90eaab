

export const HOME_POPULAR_COUNT = 6
