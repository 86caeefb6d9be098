"""The big named tuples of arrays (the state, the scenario's tables, the turn's log, an organ's
electorate) carried
through compiled code as one reference-counted object each.

Why: numba passes a named tuple of arrays to a compiled function as its arrays, and a function
that is not inlined takes and drops a reference to every one of them on every call. With the
state's 34 arrays and the tables' 46 that is 160 atomic operations, about 0.8 µs, on each of
the tens of thousands of calls a game makes (measured: a menu of options cost 180 µs, most of
it this). Carried as a numba StructRef, the same arrays cost one reference per call.

Nothing changes for Python or for the kernels' source: Python builds and reads the named tuples
as before, and a kernel reads ``s.status`` either way. When a named tuple enters compiled code
it is unboxed into a struct holding the same arrays (no copy: what a kernel writes, Python
sees); a struct leaving compiled code is boxed back into the named tuple. Compiled code that
builds one calls :func:`maker`'s function, the named tuple's own class when interpreted.

Only imported when the kernels are compiled (:mod:`game.rules.jit`)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import typeof, types
from numba.core import cgutils
from numba.experimental import structref
from numba.experimental.jitclass.base import imp_dtor
from numba.extending import NativeValue, box, intrinsic, overload, typeof_impl, unbox


@structref.register
class StateStruct(types.StructRef):
    """:class:`game.rules.layout.State` in compiled code."""


@structref.register
class TablesStruct(types.StructRef):
    """:class:`game.rules.layout.Tables` in compiled code."""


@structref.register
class LogStruct(types.StructRef):
    """:class:`game.rules.log.Log` in compiled code."""


@structref.register
class ElectorateStruct(types.StructRef):
    """:class:`game.rules.votes.Electorate` in compiled code."""


STRUCTS = {"State": StateStruct, "Tables": TablesStruct, "Log": LogStruct,
           "Electorate": ElectorateStruct}


def carry(cls: type) -> Callable[..., object]:
    """Carry the named tuple class ``cls`` (every field an array; one of :data:`STRUCTS`)
    through compiled code as a struct; the function compiled code calls to build one (``cls``
    itself from Python)."""
    struct_type = STRUCTS[cls.__name__]
    known: dict[tuple, types.StructRef] = {}

    @typeof_impl.register(cls)
    def _typeof(value, context) -> types.StructRef:
        key = tuple((a.dtype.num, a.ndim, a.flags.c_contiguous, a.flags.f_contiguous,
                     a.flags.writeable, a.flags.aligned) for a in value)  # what typeof reads
        found = known.get(key)
        if found is None:
            fields = [(n, typeof(a)) for n, a in zip(cls._fields, value, strict=True)]
            found = known[key] = struct_type(fields)
        return found

    unbox(struct_type)(_unbox)
    box(struct_type)(lambda typ, val, c: _box(cls, typ, val, c))

    def build(*arrays: np.ndarray):
        return cls(*arrays)

    @overload(build)
    def _build(*arrays):
        typ = struct_type(list(zip(cls._fields, arrays, strict=True)))
        return lambda *arrays: _pack(typ, arrays)

    return build


@intrinsic
def _pack(typingctx, struct_type, arrays):
    """A new struct of type ``struct_type`` holding the tuple ``arrays``, field by field."""
    typ = struct_type.instance_type

    def codegen(context, builder, signature, args):
        meminfo, data = _allocate(context, builder, typ, checked=True)
        for i, (name, field_type) in enumerate(typ.field_dict.items()):
            item = builder.extract_value(args[1], i)
            context.nrt.incref(builder, field_type, item)  # the struct's own reference
            setattr(data, name, item)
        inst = cgutils.create_struct_proxy(typ)(context, builder)
        inst.meminfo = meminfo
        return inst._getvalue()

    return typ(struct_type, arrays), codegen


def _allocate(context, builder, typ, checked: bool):
    """Memory for a struct of type ``typ``, zeroed: its meminfo and its fields. ``checked``:
    raise MemoryError in compiled code if it cannot be had (not possible while unboxing)."""
    data_type = context.data_model_manager[typ.get_data_type()].get_value_type()
    size = context.get_constant(types.uintp, context.get_abi_sizeof(data_type))
    dtor = imp_dtor(context, builder.module, typ)
    alloc = context.nrt.meminfo_alloc_dtor if checked else \
        context.nrt.meminfo_alloc_dtor_unchecked
    meminfo = alloc(builder, size, dtor)
    pointer = builder.bitcast(context.nrt.meminfo_data(builder, meminfo), data_type.as_pointer())
    builder.store(cgutils.get_null_value(data_type), pointer)
    data = cgutils.create_struct_proxy(typ.get_data_type())(context, builder, ref=pointer)
    return meminfo, data


def _payload(typ, val, c):
    """The fields of the struct ``val``, for reading in generated code."""
    context, builder = c.context, c.builder
    inst = cgutils.create_struct_proxy(typ)(context, builder, value=val)
    data_type = context.data_model_manager[typ.get_data_type()].get_value_type()
    pointer = builder.bitcast(context.nrt.meminfo_data(builder, inst.meminfo),
                              data_type.as_pointer())
    return cgutils.create_struct_proxy(typ.get_data_type())(context, builder, ref=pointer)


def _unbox(typ, obj, c) -> NativeValue:
    """A named tuple from Python as a new struct holding its arrays."""
    builder = c.builder
    meminfo, data = _allocate(c.context, builder, typ, checked=False)
    failed = cgutils.alloca_once_value(builder, cgutils.false_bit)
    for name, field_type in typ.field_dict.items():
        item = c.pyapi.object_getattr_string(obj, name)
        native = c.unbox(field_type, item)  # a new reference, which the struct keeps
        c.pyapi.decref(item)
        with builder.if_then(native.is_error):
            builder.store(cgutils.true_bit, failed)
        setattr(data, name, native.value)
    inst = cgutils.create_struct_proxy(typ)(c.context, builder)
    inst.meminfo = meminfo
    return NativeValue(inst._getvalue(), is_error=builder.load(failed))


def _box(cls: type, typ, val, c):
    """A struct leaving compiled code as the named tuple ``cls`` of the same arrays."""
    context, builder = c.context, c.builder
    data = _payload(typ, val, c)
    items = []
    for name, field_type in typ.field_dict.items():
        item = getattr(data, name)
        context.nrt.incref(builder, field_type, item)  # boxing takes a reference: keep ours
        items.append(c.box(field_type, item))
    maker = c.pyapi.unserialize(c.pyapi.serialize_object(cls))
    out = c.pyapi.call_function_objargs(maker, items)
    for item in items:
        c.pyapi.decref(item)
    c.pyapi.decref(maker)
    context.nrt.decref(builder, typ, val)  # boxing consumes the struct
    return out
