// A pipeline worker that cannot start: its module throws while loading, as a missing engine
// data file or a bad build would.
throw new Error('engine data missing');
