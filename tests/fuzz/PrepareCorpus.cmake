# PrepareCorpus.cmake - gives a timed fuzz run a fresh copy of its seeds
#
# cmake -DSOURCE=<checked-in corpus> -DWORK=<build dir> -P PrepareCorpus.cmake
# libFuzzer adds new inputs to the corpus directory it runs on; copying
# keeps the checked-in seeds untouched and each run starting from them.
if(NOT IS_DIRECTORY "${SOURCE}")
    message(FATAL_ERROR "no fuzz corpus at ${SOURCE}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/artifacts")
file(COPY "${SOURCE}/" DESTINATION "${WORK}/corpus")
