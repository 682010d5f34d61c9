# coffman_integration_testcases(MODE ARGS...): one test MODE/<group>/<name>
# per testcase (docs/testcases.md), running scenario.py MODE ARGS -- files.
function(coffman_integration_testcases mode)
  set(root ${PROJECT_SOURCE_DIR}/testcases)
  set(script ${PROJECT_SOURCE_DIR}/analyzer/plugin/tests/scenario.py)
  file(GLOB groups LIST_DIRECTORIES true RELATIVE ${root} ${root}/*)
  list(REMOVE_ITEM groups lib runner CMakeLists.txt)
  foreach(group IN LISTS groups)
    if(NOT IS_DIRECTORY ${root}/${group})
      continue()
    endif()
    file(GLOB entries LIST_DIRECTORIES true ${root}/${group}/*)
    foreach(entry IN LISTS entries)
      get_filename_component(name ${entry} NAME_WE)
      set(sources "")
      if(IS_DIRECTORY ${entry})
        file(GLOB sources ${entry}/*.c)
        list(SORT sources)
      elseif(entry MATCHES "\\.c$")
        set(sources ${entry})
      endif()
      if(sources)
        add_test(NAME ${mode}/${group}/${name}
          COMMAND ${Python3_EXECUTABLE} ${script} ${mode} --lib ${root}/lib
                  --include ${PROJECT_SOURCE_DIR}/runtime-shim/include ${ARGN}
                  -- ${sources})
        set_tests_properties(${mode}/${group}/${name} PROPERTIES
          SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS "integration;${mode}")
      endif()
    endforeach()
  endforeach()
endfunction()
