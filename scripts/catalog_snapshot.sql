-- catalog_snapshot.sql: the extension's objects as text, one fact per line:
-- every member with its signature, labels, C symbol, owner, privileges and
-- comment, every aggregate's, type's, operator's, operator class's and
-- cast's definition, the initial privileges, and every dependency that
-- involves a member (by description, never by OID).  Members that are
-- relations, views or event triggers (nps_ext has none) would show only as
-- "member" lines.  Two databases
-- hold the same extension exactly when their snapshots are equal
-- (scripts/check_catalog.sh).
WITH members AS (
  SELECT classid, objid FROM pg_depend d
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext')
)
SELECT 'function ' || p.oid::regprocedure::text
  || ' kind=' || p.prokind::text || ' vol=' || p.provolatile::text || ' strict=' || p.proisstrict
  || ' par=' || p.proparallel::text || ' returns=' || CASE WHEN p.proretset THEN 'setof ' ELSE '' END || pg_get_function_result(p.oid)
  || ' args=' || pg_get_function_arguments(p.oid)
  || ' lang=' || l.lanname || ' src=' || p.prosrc || ' bin=' || coalesce(p.probin, '-')
  || ' cost=' || p.procost || ' rows=' || p.prorows || ' secdef=' || p.prosecdef || ' leak=' || p.proleakproof
  || ' owner=' || pg_get_userbyid(p.proowner) || ' acl=' || coalesce(p.proacl::text, '-')
  || ' config=' || coalesce(p.proconfig::text, '-') || ' support=' || p.prosupport::regproc::text
  || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '<none>')
FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
JOIN pg_language l ON l.oid = p.prolang
UNION ALL
SELECT 'aggregate ' || a.aggfnoid::regprocedure::text || ' kind=' || a.aggkind::text || ' direct=' || a.aggnumdirectargs
  || ' sfunc=' || a.aggtransfn::regprocedure::text || ' stype=' || a.aggtranstype::regtype::text || ' sspace=' || a.aggtransspace
  || ' final=' || a.aggfinalfn::regproc::text || ' fextra=' || a.aggfinalextra || ' fmodify=' || a.aggfinalmodify::text
  || ' combine=' || a.aggcombinefn::regproc::text || ' serial=' || a.aggserialfn::regproc::text || ' deserial=' || a.aggdeserialfn::regproc::text
  || ' init=' || coalesce(a.agginitval, '<null>')
  || ' msfunc=' || a.aggmtransfn::regproc::text || ' minv=' || a.aggminvtransfn::regproc::text || ' mstype=' || a.aggmtranstype::regtype::text
  || ' msspace=' || a.aggmtransspace || ' mfinal=' || a.aggmfinalfn::regproc::text || ' mfextra=' || a.aggmfinalextra || ' mfmodify=' || a.aggmfinalmodify::text
  || ' minit=' || coalesce(a.aggminitval, '<null>') || ' sortop=' || a.aggsortop::regoperator::text
FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
UNION ALL
SELECT 'type ' || t.oid::regtype::text || ' typtype=' || t.typtype::text || ' len=' || t.typlen || ' align=' || t.typalign::text
  || ' storage=' || t.typstorage::text || ' byval=' || t.typbyval || ' category=' || t.typcategory::text || ' preferred=' || t.typispreferred
  || ' in=' || t.typinput::regproc::text || ' out=' || t.typoutput::regproc::text || ' recv=' || t.typreceive::regproc::text
  || ' send=' || t.typsend::regproc::text || ' modin=' || t.typmodin::regproc::text || ' analyze=' || t.typanalyze::regproc::text
  || ' elem=' || t.typelem::regtype::text || ' array=' || t.typarray::regtype::text || ' subscript=' || t.typsubscript::regproc::text
  || ' modout=' || t.typmodout::regproc::text || ' delim=' || t.typdelim::text || ' collation=' || t.typcollation
  || ' notnull=' || t.typnotnull || ' base=' || t.typbasetype::regtype::text || ' default=' || coalesce(t.typdefault, '-')
  || ' owner=' || pg_get_userbyid(t.typowner) || ' acl=' || coalesce(t.typacl::text, '-')
  || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '<none>')
FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
UNION ALL
SELECT 'operator ' || o.oid::regoperator::text || ' result=' || o.oprresult::regtype::text || ' code=' || o.oprcode::regproc::text
  || ' com=' || o.oprcom::regoperator::text || ' neg=' || o.oprnegate::regoperator::text || ' rest=' || o.oprrest::regproc::text
  || ' join=' || o.oprjoin::regproc::text || ' hashes=' || o.oprcanhash || ' merges=' || o.oprcanmerge
  || ' owner=' || pg_get_userbyid(o.oprowner)
  || ' comment=' || coalesce(obj_description(o.oid, 'pg_operator'), '<none>')
FROM members m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
UNION ALL
SELECT 'opclass ' || c.opcname || ' using ' || am.amname || ' for ' || c.opcintype::regtype::text || ' default=' || c.opcdefault
  || ' family=' || f.opfname || ' keytype=' || c.opckeytype::regtype::text || ' owner=' || pg_get_userbyid(c.opcowner)
  || ' comment=' || coalesce(obj_description(c.oid, 'pg_opclass'), '<none>')
FROM members m JOIN pg_opclass c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
UNION ALL
SELECT 'opfamily ' || f.opfname || ' using ' || am.amname || ' owner=' || pg_get_userbyid(f.opfowner)
  || ' comment=' || coalesce(obj_description(f.oid, 'pg_opfamily'), '<none>')
FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
JOIN pg_am am ON am.oid = f.opfmethod
UNION ALL
SELECT 'cast ' || pg_describe_object(m.classid, m.objid, 0) || ' context=' || c.castcontext::text
  || ' method=' || c.castmethod::text || ' function=' || c.castfunc::regprocedure::text
FROM members m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
UNION ALL
SELECT 'initpriv ' || pg_describe_object(i.classoid, i.objoid, i.objsubid) || ' ' || i.privtype::text
  || ' ' || i.initprivs::text
FROM pg_init_privs i WHERE (i.classoid, i.objoid) IN (SELECT classid, objid FROM members)
UNION ALL
SELECT 'member ' || pg_describe_object(m.classid, m.objid, 0) FROM members m
UNION ALL
SELECT 'depend ' || pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> '
  || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) || ' (' || d.deptype::text || ')'
FROM pg_depend d
WHERE (d.classid, d.objid) IN (SELECT classid, objid FROM members)
   OR (d.refclassid, d.refobjid) IN (SELECT classid, objid FROM members)
   OR (d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass))
      AND (d.refclassid, d.refobjid) IN (SELECT classid, objid FROM members)
UNION ALL
SELECT 'extension ' || e.extname || ' version=' || e.extversion || ' relocatable=' || e.extrelocatable
  || ' schema=' || e.extnamespace::regnamespace::text || ' owner=' || pg_get_userbyid(e.extowner)
  || ' config=' || coalesce(e.extconfig::regclass[]::text, '-') || ' condition=' || coalesce(e.extcondition::text, '-')
FROM pg_extension e WHERE e.extname = 'nps_ext'
ORDER BY 1;
