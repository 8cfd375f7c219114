-- SQL-level randomized input test: thousands of mutated text forms and
-- binary forms of valid values go through the real input and receive
-- functions of the running server.  Every input must be rejected with one of
-- the documented SQLSTATEs, or be accepted and round-trip exactly, and an
-- accepted value must be usable by the accessors and statistics without an
-- unexpected error.  The server must survive (a crash would end this
-- session and fail the test; the postmaster start time is compared too).
--
-- Deterministic: setseed() fixes the mutation sequence, so the counts below
-- only change when the validation changes.
SELECT pg_postmaster_start_time() AS started \gset

CREATE TEMP TABLE seed (type_name text, value text);
INSERT INTO seed VALUES
  ('nps_summary',  '{"version":1,"kind":"nps","counts":[1,0,2,0,0,5,0,2,9,3,17]}'),
  ('nps_summary',  '{"version":2,"kind":"nps","counts":[0,1,1,1,0,1,1,1,1,1,1],"weights":[0,0,0.5,1,0,1.5,0,0.5,0.5,1,1.5],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":7.25,"weight_sq_error":0}'),
  ('csat_summary', '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,2,3,4,5]}'),
  ('csat_summary', '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'),
  ('csat_summary', '{"version":2,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[1,0,0,0,0,2,1],"weights":[0.1,0,0,0,0,0.30000000000000004,0.2],"weight_errors":[0,0,0,0,0,-2.7755575615628914e-17,0],"weight_sq":0.15,"weight_sq_error":0}'),
  ('ces_summary',  '{"version":1,"kind":"ces","scale_max":7,"counts":[0,1,2,3,4,5,6]}'),
  ('ces_summary',  '{"version":2,"kind":"ces","scale_max":3,"counts":[2,0,1],"weights":[3,0,1e-100],"weight_errors":[0,0,0],"weight_sq":5,"weight_sq_error":0}'),
  ('churn_state',  '{"version":1,"responses":3,"score_sum":17,"latest_score":4,"latest_at_us":788918400000000,"as_of_us":null}'),
  ('churn_state',  '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":1000}');
SELECT count(*) AS seeds, bool_and(CASE type_name
         WHEN 'nps_summary' THEN value::nps_summary::text = value
         WHEN 'csat_summary' THEN value::csat_summary::text = value
         WHEN 'ces_summary' THEN value::ces_summary::text = value
         ELSE value::churn_state::text = value END) AS seeds_round_trip
FROM seed;

-- One random mutation of s: replace, delete, insert or duplicate a piece,
-- put in an extreme number, cut the text short, or change a digit.
CREATE FUNCTION pg_temp.mutate(s text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  pos int := 1 + floor(random() * greatest(length(s), 1))::int;
  pieces text[] := ARRAY['0', '-', '9223372036854775807', '9223372036854775808', '-1', '1e308', '1e309',
                         'NaN', 'null', '"', ',', '[', ']', '{', '}', ':', '.', 'e', ' ', '2', '10',
                         '0.5', '-0', '1e-320', '"kind"', '"version"', '"weights"', '11', '255'];
  op int := floor(random() * 7)::int;
  digits int[];
BEGIN
  IF op = 6 THEN
    -- change one digit: mostly still valid, so the accepted path is exercised
    SELECT array_agg(p) INTO digits FROM generate_series(1, length(s)) AS p WHERE substr(s, p, 1) ~ '[0-9]';
    IF digits IS NULL THEN
      RETURN s;
    END IF;
    RETURN overlay(s placing floor(random() * 10)::int::text
                   from digits[1 + floor(random() * array_length(digits, 1))::int] for 1);
  END IF;
  CASE op
    WHEN 0 THEN RETURN overlay(s placing chr(32 + floor(random() * 95)::int) from pos for 1);
    WHEN 1 THEN RETURN overlay(s placing '' from pos for 1 + floor(random() * 3)::int);
    WHEN 2 THEN RETURN overlay(s placing pieces[1 + floor(random() * array_length(pieces, 1))::int] from pos for 0);
    WHEN 3 THEN RETURN overlay(s placing pieces[1 + floor(random() * array_length(pieces, 1))::int] from pos for 1);
    WHEN 4 THEN RETURN s || substr(s, pos, 1 + floor(random() * 10)::int);
    ELSE RETURN left(s, pos - 1);
  END CASE;
END $$;

-- Accepted values must be usable: every accessor and statistic, and rollup()
-- of the value with itself, may only fail with an out-of-range error (22003:
-- a rollup of two huge summaries), never with anything else.
CREATE FUNCTION pg_temp.use(type_name text, v text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CASE type_name
    WHEN 'nps_summary' THEN
      PERFORM nps(v::nps_summary), responses(v::nps_summary), mean_score(v::nps_summary),
              promoters(v::nps_summary), passives(v::nps_summary), detractors(v::nps_summary),
              promoters_percent(v::nps_summary), passives_percent(v::nps_summary),
              detractors_percent(v::nps_summary), total_weight(v::nps_summary),
              effective_responses(v::nps_summary), nps_stderr(v::nps_summary, 1),
              nps_margin(v::nps_summary, 0.9, 1), nps_ci_lower(v::nps_summary, 0.95, 'score', 1),
              nps_ci_upper(v::nps_summary, 0.9, 'adjusted_wald', 1), nps_ci_lower(v::nps_summary, 0.99, 'wald', 1),
              nps_test(v::nps_summary, v::nps_summary, 1), nps_test_z(v::nps_summary, v::nps_summary, 1),
              (SELECT count(*) FROM distribution(v::nps_summary)),
              (SELECT nps(rollup(x)) FROM (VALUES (v::nps_summary), (v::nps_summary)) AS t(x));
    WHEN 'csat_summary' THEN
      PERFORM csat(v::csat_summary), responses(v::csat_summary), mean_score(v::csat_summary),
              total_weight(v::csat_summary), effective_responses(v::csat_summary),
              csat_stderr(v::csat_summary, 1), csat_margin(v::csat_summary, 0.95, 1),
              csat_ci_lower(v::csat_summary, 0.95, 'wilson', 1), csat_ci_upper(v::csat_summary, 0.95, 'wald', 1),
              (SELECT count(*) FROM distribution(v::csat_summary)),
              (SELECT csat(rollup(x)) FROM (VALUES (v::csat_summary), (v::csat_summary)) AS t(x));
    WHEN 'ces_summary' THEN
      PERFORM ces(v::ces_summary), responses(v::ces_summary), mean_score(v::ces_summary),
              total_weight(v::ces_summary), effective_responses(v::ces_summary),
              ces_stderr(v::ces_summary, 1), ces_margin(v::ces_summary, 0.95, 1),
              ces_ci_lower(v::ces_summary, 0.99, 1), ces_ci_upper(v::ces_summary, 0.99, 1),
              (SELECT count(*) FROM distribution(v::ces_summary)),
              (SELECT ces(rollup(x)) FROM (VALUES (v::ces_summary), (v::ces_summary)) AS t(x));
    ELSE
      PERFORM churn_final(v::churn_state), churn_final(churn_combine(v::churn_state, v::churn_state));
  END CASE;
EXCEPTION WHEN numeric_value_out_of_range THEN
  NULL;
END $$;

CREATE TEMP TABLE outcome (kind text, type_name text, result text);

-- Text: 1,500 mutants per seed, each mutated one to three times.
SELECT setseed(0.2026);
DO $$
DECLARE
  s record;
  input text;
  output text;
  same boolean;
BEGIN
  FOR s IN SELECT * FROM seed ORDER BY type_name, value LOOP
    FOR i IN 1 .. 1500 LOOP
      input := s.value;
      FOR k IN 0 .. floor(random() * 3)::int LOOP
        input := pg_temp.mutate(input);
      END LOOP;
      BEGIN
        EXECUTE format('SELECT (%L::%s)::text', input, s.type_name) INTO output;
        -- accepted: the output reads back as itself
        EXECUTE format('SELECT (%L::%s)::text = %L', output, s.type_name, output) INTO STRICT same;
        IF NOT same THEN
          RAISE EXCEPTION 'round trip failed for % input %', s.type_name, input;
        END IF;
        PERFORM pg_temp.use(s.type_name, input);
        INSERT INTO outcome VALUES ('text', s.type_name, 'accepted');
      EXCEPTION
        WHEN invalid_text_representation OR numeric_value_out_of_range OR invalid_parameter_value THEN
          INSERT INTO outcome VALUES ('text', s.type_name, 'rejected');
      END;
    END LOOP;
  END LOOP;
END $$;

-- Binary: 250 mutants per seed of its send() output, through COPY ... FORMAT binary.
CREATE TEMP TABLE raw_bytes (b bytea);
CREATE FUNCTION pg_temp.mutate_bytes(b bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
  pos int := floor(random() * greatest(length(b), 1))::int;
  extremes bytea[] := ARRAY['\x7fffffffffffffff', '\x8000000000000000', '\x7ff8000000000000',
                            '\x7ff0000000000000', '\xfff0000000000000', '\x0000000000000001',
                            '\x02', '\x01', '\x00', '\xff', '\x0a', '\x0b']::bytea[];
  op int := floor(random() * 5)::int;
BEGIN
  IF length(b) = 0 THEN
    RETURN '\x00'::bytea;
  END IF;
  CASE op
    WHEN 0 THEN RETURN set_byte(b, pos, floor(random() * 256)::int);
    WHEN 1 THEN RETURN substring(b from 1 for pos);
    WHEN 2 THEN RETURN b || substring(b from pos + 1 for 8);
    ELSE RETURN overlay(b placing extremes[1 + floor(random() * array_length(extremes, 1))::int] from pos + 1);
  END CASE;
END $$;

SELECT setseed(0.1123);
DO $$
DECLARE
  s record;
  sent bytea;
  input bytea;
  output text;
  same boolean;
  -- in the server's data directory, one file per backend
  file text := format('%s/nps_ext_regress_fuzz_%s.bin', current_setting('data_directory'), pg_backend_pid());
BEGIN
  FOR s IN SELECT * FROM seed ORDER BY type_name, value LOOP
    EXECUTE format('SELECT %s_send(%L::%s)',
                   CASE WHEN s.type_name = 'churn_state' THEN 'churn_state' ELSE s.type_name END,
                   s.value, s.type_name) INTO sent;
    FOR i IN 1 .. 250 LOOP
      input := sent;
      FOR k IN 0 .. floor(random() * 2)::int LOOP
        input := pg_temp.mutate_bytes(input);
      END LOOP;
      BEGIN
        TRUNCATE raw_bytes;
        INSERT INTO raw_bytes VALUES (input);
        -- one file per backend: concurrent runs of this suite must not share it
        EXECUTE format('COPY raw_bytes TO %L (FORMAT binary)', file);
        EXECUTE format('CREATE TEMP TABLE received (v %s)', s.type_name);
        EXECUTE format('COPY received FROM %L (FORMAT binary)', file);
        -- accepted: its text form reads back as the same value, byte for byte
        EXECUTE format('SELECT %1$s_send(v) = %1$s_send(v::text::%1$s), v::text FROM received', s.type_name)
          INTO same, output;
        IF NOT same THEN
          RAISE EXCEPTION 'binary round trip failed for % input %', s.type_name, input;
        END IF;
        PERFORM pg_temp.use(s.type_name, output);
        DROP TABLE received;
        INSERT INTO outcome VALUES ('binary', s.type_name, 'accepted');
      EXCEPTION
        WHEN invalid_binary_representation OR protocol_violation
             OR numeric_value_out_of_range OR invalid_parameter_value THEN
          INSERT INTO outcome VALUES ('binary', s.type_name, 'rejected');
      END;
    END LOOP;
  END LOOP;
END $$;

SELECT kind, type_name, count(*) AS inputs,
       count(*) FILTER (WHERE result = 'accepted') AS accepted,
       count(*) FILTER (WHERE result = 'rejected') AS rejected
FROM outcome GROUP BY ROLLUP (kind, type_name) ORDER BY kind, type_name;

SELECT pg_postmaster_start_time() = :'started' AS server_not_restarted;
