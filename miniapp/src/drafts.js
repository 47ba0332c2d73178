// What the citizen typed, kept on the phone at every keystroke: a closed app, a lost connection or a crash costs
// nothing. Cleared only once the server has the result.

export function createDrafts(storage) {
  return {
    load(key, fallback = {}) {
      try {
        const raw = storage.getItem(`draft:${key}`);
        return raw ? { ...fallback, ...JSON.parse(raw) } : { ...fallback };
      } catch {
        return { ...fallback };
      }
    },
    save(key, value) {
      storage.setItem(`draft:${key}`, JSON.stringify(value));
    },
    clear(key) {
      storage.removeItem(`draft:${key}`);
    },
  };
}

// A fresh id per submit intent, kept with the draft, so a retry after a lost answer is the same submission.
export function submissionToken(draft) {
  if (!draft.submission_token) {
    draft.submission_token =
      typeof crypto !== "undefined" && crypto.randomUUID
        ? crypto.randomUUID()
        : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
            (c ^ (Math.random() * 16) >> (c / 4)).toString(16),
          );
  }
  return draft.submission_token;
}
