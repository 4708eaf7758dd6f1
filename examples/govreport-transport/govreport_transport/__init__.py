"""govreport-transport: an example extractor plugin for transport (交通) figures.

The whole plugin is data: ``indicators.tsv`` says which figures to look for and how to
read them, ``lexicon.txt`` lists the terms of the transport attention index. govreport's
core matcher links the table to the quantities of a report and decides each fact's kind,
period, cue and aggregate.
"""
from govreport.extractors import TableExtractor

__version__ = "0.1.0"

extractor = TableExtractor.from_package(
    __name__, "indicators.tsv", name="transport", version=__version__, lexicon="lexicon.txt"
)
