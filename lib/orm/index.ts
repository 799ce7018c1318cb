/**
 * ORM Lab's Django ORM: everything learner code can use, with Django's names.
 * Classes are exported callable (Python style) as well as constructible.
 */
import './lookups/builtin';
import './lookups/related';
import './sql/compiler';
import './sql/write-compilers';
import { callable } from './callable';
import * as agg from './expressions/aggregates';
import * as cond from './expressions/conditional';
import * as core from './expressions/core';
import * as cmp from './expressions/comparison';
import * as dt from './expressions/datetime';
import * as scalar from './fields/scalar';
import * as related from './fields/related';
import { Index as IndexClass } from './indexes';
import { Prefetch as PrefetchClass } from './prefetch';
import { Q as QClass } from './q';

export { Model, type ModelClass } from './model';
export { Manager } from './manager';
export { QuerySet } from './queryset';
export { RawQuerySet } from './raw';
export { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, SET, DO_NOTHING } from './fields/on-delete';
export { Field } from './fields/field';
export * from './errors';
export { transaction } from './transaction';
export { cache } from './cache';
export { pre_init, post_init, pre_save, post_save, pre_delete, post_delete, m2m_changed, receiver, Signal } from './signals';
export { prefetch_related_objects } from './prefetch';
export { Apps } from './apps';
export { createRuntime } from './setup';
export { router } from './router';

export const Q = callable(QClass);
export const Prefetch = callable(PrefetchClass);
export const Index = callable(IndexClass);

export const F = callable(core.F);
export const OuterRef = callable(core.OuterRef);
export const Value = callable(core.Value);
export const RawSQL = callable(core.RawSQL);
export const Func = callable(core.Func);
export const ExpressionWrapper = callable(core.ExpressionWrapper);
export const Subquery = callable(core.Subquery);
export const Exists = callable(core.Exists);
export const OrderBy = callable(core.OrderBy);
export const Case = callable(cond.Case);
export const When = callable(cond.When);
export const Coalesce = callable(cmp.Coalesce);

export const Aggregate = callable(agg.Aggregate);
export const Count = callable(agg.Count);
export const Sum = callable(agg.Sum);
export const Avg = callable(agg.Avg);
export const Min = callable(agg.Min);
export const Max = callable(agg.Max);
export const StdDev = callable(agg.StdDev);
export const Variance = callable(agg.Variance);

export const Extract = callable(dt.Extract);
export const ExtractYear = callable(dt.ExtractYear);
export const ExtractIsoYear = callable(dt.ExtractIsoYear);
export const ExtractMonth = callable(dt.ExtractMonth);
export const ExtractDay = callable(dt.ExtractDay);
export const ExtractWeek = callable(dt.ExtractWeek);
export const ExtractWeekDay = callable(dt.ExtractWeekDay);
export const ExtractIsoWeekDay = callable(dt.ExtractIsoWeekDay);
export const ExtractQuarter = callable(dt.ExtractQuarter);
export const ExtractHour = callable(dt.ExtractHour);
export const ExtractMinute = callable(dt.ExtractMinute);
export const ExtractSecond = callable(dt.ExtractSecond);
export const Now = callable(dt.Now);
export const Trunc = callable(dt.Trunc);
export const TruncYear = callable(dt.TruncYear);
export const TruncQuarter = callable(dt.TruncQuarter);
export const TruncMonth = callable(dt.TruncMonth);
export const TruncWeek = callable(dt.TruncWeek);
export const TruncDay = callable(dt.TruncDay);
export const TruncHour = callable(dt.TruncHour);
export const TruncMinute = callable(dt.TruncMinute);
export const TruncSecond = callable(dt.TruncSecond);
export const TruncDate = callable(dt.TruncDate);
export const TruncTime = callable(dt.TruncTime);

export const AutoField = callable(scalar.AutoField);
export const BigAutoField = callable(scalar.BigAutoField);
export const IntegerField = callable(scalar.IntegerField);
export const BigIntegerField = callable(scalar.BigIntegerField);
export const SmallIntegerField = callable(scalar.SmallIntegerField);
export const PositiveIntegerField = callable(scalar.PositiveIntegerField);
export const PositiveSmallIntegerField = callable(scalar.PositiveSmallIntegerField);
export const FloatField = callable(scalar.FloatField);
export const DecimalField = callable(scalar.DecimalField);
export const BooleanField = callable(scalar.BooleanField);
export const CharField = callable(scalar.CharField);
export const SlugField = callable(scalar.SlugField);
export const EmailField = callable(scalar.EmailField);
export const URLField = callable(scalar.URLField);
export const TextField = callable(scalar.TextField);
export const DateTimeField = callable(scalar.DateTimeField);
export const DateField = callable(scalar.DateField);
export const TimeField = callable(scalar.TimeField);
export const JSONField = callable(scalar.JSONField);
export const ForeignKey = callable(related.ForeignKey);
export const OneToOneField = callable(related.OneToOneField);
export const ManyToManyField = callable(related.ManyToManyField);
