-- Five analyst questions, in SQL that runs unchanged on SQLite and PostgreSQL.
-- the README (Databases) shows them and tests/db/loader.test.ts checks their answers
-- on both databases; src/db/queries.ts reads this file (one query per
-- `-- name:` block, its question on the `-- question:` line).

-- name: quoted_most
-- question: Who was quoted most?
-- Quotes per speaker; add `JOIN articles a ON a.id = q.article_id WHERE a.published_at >= '2025-06-01'` for "this month".
SELECT q.speaker_name AS speaker,
       COUNT(*) AS quotes,
       COUNT(DISTINCT q.article_id) AS articles
FROM quotes q
WHERE q.speaker_name IS NOT NULL
GROUP BY q.speaker_name
ORDER BY quotes DESC, speaker
LIMIT 10;

-- name: usd_over_1bn
-- question: Every amount over $1bn (US dollars), with its article.
SELECT a.id AS article_id, a.title, m.text, m.amount
FROM money m
JOIN articles a ON a.id = m.article_id
WHERE m.currency = 'USD' AND m.amount > 1000000000
ORDER BY m.amount DESC, a.id, m.span_start;

-- name: interpol_and_albania
-- question: Articles mentioning both Interpol and Albania.
SELECT a.id AS article_id, a.title
FROM articles a
WHERE EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.name = 'Interpol')
  AND EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.name = 'Albania')
ORDER BY a.id;

-- name: top_orgs
-- question: The organisations mentioned most (name mentions, across articles).
SELECT e.name,
       COUNT(*) AS mentions,
       COUNT(DISTINCT e.article_id) AS articles
FROM entities e
JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id
WHERE e.type = 'ORG'
GROUP BY e.name
ORDER BY mentions DESC, e.name
LIMIT 10;

-- name: quotes_per_article
-- question: How many quotes does an article have on average?
SELECT COUNT(*) AS articles,
       ROUND(AVG(per_article.quotes), 2) AS average_quotes
FROM (
  SELECT a.id, COUNT(q.quote_id) AS quotes
  FROM articles a
  LEFT JOIN quotes q ON q.article_id = a.id
  GROUP BY a.id
) per_article;
